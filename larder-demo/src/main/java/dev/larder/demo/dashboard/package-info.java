/**
 * The demo's cache dashboard: {@link dev.larder.demo.dashboard.DashboardController} serves a page
 * that polls {@code /dashboard/data} every second and charts each cache's hit rate with uPlot
 * (from its WebJar: the demo runs offline).
 */
package dev.larder.demo.dashboard;

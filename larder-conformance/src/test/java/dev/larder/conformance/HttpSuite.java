package dev.larder.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** The "http" suite on larder-http: each step the larder-http call a django.utils.cache function stands for. */
final class HttpSuite {
    ArrayNode run(JsonNode testCase) {
        ArrayNode outcomes = Outcome.JSON.createArrayNode();
        for (JsonNode step : testCase.get("steps")) {
            outcomes.add(Outcome.of(() -> call(step)));
        }
        return outcomes;
    }

    private static Object call(JsonNode step) {
        String op = step.get("op").asText();
        switch (op) {
            default:
                throw new IllegalArgumentException("unknown http op '" + op + "'");
        }
    }
}

package dev.larder.hibernate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.SharedSessionContract;

/** The queries behind a miss: one entity by an attribute with fetch joins, or every row of a model. */
final class Loader {
    /** Fetch paths, checked and sorted: {@code "mother", "mother.family"}. */
    static List<String> paths(String... fetch) {
        TreeSet<String> paths = new TreeSet<>();
        for (String path : fetch) {
            if (!isPath(path)) {
                throw new IllegalArgumentException("not a fetch path: '" + path + "' (use attribute names: \"mother.family\")");
            }
            paths.add(path);
        }
        return List.copyOf(paths);
    }

    /**
     * Java identifiers ({@code [A-Za-z_$][A-Za-z0-9_$]*}) joined by dots. A loop, not a regular
     * expression: it runs on every read, hits included.
     */
    static boolean isPath(String path) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        boolean start = true;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                if (start) {
                    return false;
                }
                start = true;
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$' || !start && c >= '0' && c <= '9') {
                start = false;
            } else {
                return false;
            }
        }
        return !start;
    }

    static boolean isAttribute(String name) {
        return isPath(name) && name.indexOf('.') < 0;
    }

    /** The rows whose attributes have these values (at most one: the attributes are unique together). */
    <T> List<?> byAttributes(SharedSessionContract session, Class<T> type, Map<String, ?> values, List<String> paths) {
        StringBuilder where = new StringBuilder();
        int n = 0;
        for (String attribute : values.keySet()) {
            if (!isAttribute(attribute)) {
                throw new IllegalArgumentException("not an attribute name: '" + attribute + "'");
            }
            where.append(n == 0 ? " where " : " and ").append("e.").append(attribute).append(" = :p").append(n++);
        }
        var query = session.createSelectionQuery("select e from " + type.getName() + " e" + joins(paths) + where, type);
        n = 0;
        for (Object value : values.values()) {
            query.setParameter("p" + n++, value);
        }
        List<T> rows = query.getResultList();
        if (rows.size() > 1) {
            throw new IllegalStateException(rows.size() + " rows of " + type.getName() + " have " + values
                    + ": those attributes are not unique");
        }
        return rows;
    }

    <T> List<?> all(SharedSessionContract session, Class<T> type) {
        return session.createSelectionQuery("select e from " + type.getName() + " e order by id(e)", type).getResultList();
    }

    /** {@code left join fetch e.mother j0 left join fetch j0.family j1 ...}, each prefix joined once. */
    private static String joins(List<String> paths) {
        Map<String, String> aliases = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (String path : paths) {
            String parent = "e";
            String prefix = "";
            for (String part : path.split("\\.")) {
                prefix = prefix.isEmpty() ? part : prefix + "." + part;
                String alias = aliases.get(prefix);
                if (alias == null) {
                    alias = "j" + aliases.size();
                    aliases.put(prefix, alias);
                    out.append(" left join fetch ").append(parent).append('.').append(part).append(' ').append(alias);
                }
                parent = alias;
            }
        }
        return out.toString();
    }

}

package dev.larder.hibernate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.SharedSessionContract;

/** The queries behind a miss: one entity by an attribute with fetch joins, or every row of a model. */
final class Loader {
    private static final String NAME = "[A-Za-z_$][A-Za-z0-9_$]*";
    // Compiled once: these run on every read, hits included.
    private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile(NAME);
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile(NAME + "(\\." + NAME + ")*");

    /** Fetch paths, checked and sorted: {@code "mother", "mother.family"}. */
    static List<String> paths(String... fetch) {
        TreeSet<String> paths = new TreeSet<>();
        for (String path : fetch) {
            if (path == null || !PATH.matcher(path).matches()) {
                throw new IllegalArgumentException("not a fetch path: '" + path + "' (use attribute names: \"mother.family\")");
            }
            paths.add(path);
        }
        return List.copyOf(paths);
    }

    /** The rows whose attributes have these values (at most one: the attributes are unique together). */
    <T> List<?> byAttributes(SharedSessionContract session, Class<T> type, Map<String, ?> values, List<String> paths) {
        StringBuilder where = new StringBuilder();
        int n = 0;
        for (String attribute : values.keySet()) {
            if (!ATTRIBUTE.matcher(attribute).matches()) {
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

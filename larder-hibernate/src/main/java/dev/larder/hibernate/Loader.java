package dev.larder.hibernate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hibernate.SharedSessionContract;

/** The queries behind a miss: one entity by an attribute with fetch joins, or every row of a model. */
final class Loader {
    private static final String NAME = "[A-Za-z_$][A-Za-z0-9_$]*";

    /** Fetch paths, checked and sorted: {@code "mother", "mother.family"}. */
    static List<String> paths(String... fetch) {
        TreeSet<String> paths = new TreeSet<>();
        for (String path : fetch) {
            if (path == null || !path.matches(NAME + "(\\." + NAME + ")*")) {
                throw new IllegalArgumentException("not a fetch path: '" + path + "' (use attribute names: \"mother.family\")");
            }
            paths.add(path);
        }
        return List.copyOf(paths);
    }

    <T> List<?> byAttribute(SharedSessionContract session, Class<T> type, String attribute, Object value, List<String> paths) {
        if (!attribute.matches(NAME)) {
            throw new IllegalArgumentException("not an attribute name: '" + attribute + "'");
        }
        String hql = "select e from " + type.getName() + " e" + joins(paths) + " where e." + attribute + " = :value";
        List<T> rows = session.createSelectionQuery(hql, type).setParameter("value", value).getResultList();
        if (rows.size() > 1) {
            throw new IllegalStateException(rows.size() + " rows of " + type.getName() + " have " + attribute + " = "
                    + value + ": the attribute is not unique");
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

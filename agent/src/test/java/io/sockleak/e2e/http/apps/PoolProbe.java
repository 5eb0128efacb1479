package io.sockleak.e2e.http.apps;

import io.sockleak.testing.AgentProbe;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the agent's tracker knows of pooled connections, asked by reflection: for each live socket,
 * the pool its library hook put it in and whether it is lent out or idle. Lets a test check the
 * library hooks themselves, apart from how reports judge them.
 */
final class PoolProbe {

    private PoolProbe() {
    }

    /** "pool/STATE" -> live sockets, or "none" for sockets no pool claimed. */
    static Map<String, Integer> membership() throws ReflectiveOperationException {
        Object tracker = call(AgentProbe.agent(), "tracker");
        Map<String, Integer> counts = new TreeMap<>();
        for (Object record : (List<?>) call(tracker, "liveRecords")) {
            Object pooled = call(record, "pooled");
            String key = pooled == null ? "none" : call(pooled, "pool") + "/" + call(pooled, "state");
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(name);
        m.setAccessible(true);
        return m.invoke(target);
    }
}

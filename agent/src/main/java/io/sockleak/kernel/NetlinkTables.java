package io.sockleak.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP tables through netlink {@code SOCK_DIAG} on JDK 22+ ({@code io.sockleak.kernel.netlink.InetDiag}):
 * the kernel applies the state filter, so a scan's cost does not grow with the TIME_WAIT rows. The
 * netlink code runs in a module of its own, defined here in a layer of its own from the agent's jar,
 * and native access is granted to that module alone through the JDK's internal access the agent
 * already has (jdk.internal.access, exported to it at start), not through the restricted
 * {@code ModuleLayer.Controller.enableNativeAccess}: called from the agent's unnamed module, that
 * would print the very warning it is meant to avoid. Without that access (a JVM without the agent's
 * start-up, a JDK before 22) it is not opened, and /proc is read instead. Rows come back as
 * {@link TcpRow}s the same as /proc's ({@link TcpTables}).
 */
final class NetlinkTables {

    private static final String MODULE = "io.sockleak.kernel.netlink";
    private static final String CLASS = MODULE + ".InetDiag";
    private static final int LONGS_PER_ROW = 14;

    /** The probe at opening: a small dump whatever the table (listeners only). */
    private static final RowFilter LISTENERS = RowFilter.inStates(state -> state == TcpState.LISTEN);

    private final Object diag;
    private final MethodHandle dump;

    private NetlinkTables(Object diag, MethodHandle dump) {
        this.diag = diag;
        this.dump = dump;
    }

    /** Netlink when this JDK and kernel can do it; otherwise the exception that says why not. */
    static NetlinkTables open() throws Throwable {
        if (Runtime.version().feature() < 22) {
            throw new UnsupportedOperationException("the FFM API needs JDK 22 or later");
        }
        ModuleLayer.Controller controller = layer();
        Module module = controller.layer().findModule(MODULE).orElseThrow();
        // Before any restricted method is reached: if this fails, nothing that could warn has run.
        Object langAccess = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess")
                .invoke(null);
        Class.forName("jdk.internal.access.JavaLangAccess").getMethod("addEnableNativeAccess", Module.class)
                .invoke(langAccess, module);
        Class<?> type = Class.forName(module, CLASS);
        Object diag = type.getConstructor().newInstance();
        MethodHandle dump = MethodHandles.publicLookup().findVirtual(type, "dump",
                MethodType.methodType(long[].class, int.class));
        NetlinkTables tables = new NetlinkTables(diag, dump);
        tables.rows(LISTENERS); // fails here, not in a scan, when the kernel has no inet_diag
        return tables;
    }

    /** The rows {@code filter} keeps, IPv4 first; the states it never keeps are not even sent. */
    List<TcpRow> rows(RowFilter filter) throws Throwable {
        int mask = 0;
        for (int code = 1; code <= 12; code++) {
            if (filter.mayKeepState(TcpState.ofCode(code))) {
                mask |= 1 << code;
            }
        }
        long[] r = (long[]) dump.invoke(diag, mask);
        List<TcpRow> rows = new ArrayList<>(r.length / LONGS_PER_ROW);
        for (int i = 0; i < r.length; i += LONGS_PER_ROW) {
            TcpState state = TcpState.ofCode((int) r[i]);
            int localPort = (int) r[i + 3];
            long inode = r[i + 12];
            if (!filter.mayKeep(state, localPort) || !filter.keep(state, localPort, inode)) {
                continue;
            }
            boolean ipv6 = r[i + 13] == 1;
            // /proc shows a listener's tx queue as 0; netlink gives its backlog there
            long txQueue = state == TcpState.LISTEN ? 0 : r[i + 7];
            // timer expiry: /proc shows clock ticks (USER_HZ, 100 a second), netlink milliseconds
            rows.add(new TcpRow(new Endpoint(r[i + 1], r[i + 2], localPort), new Endpoint(r[i + 4], r[i + 5],
                    (int) r[i + 6]), state, txQueue, r[i + 8], (int) r[i + 9], r[i + 10] / 10, (int) r[i + 11],
                    inode, ipv6));
        }
        return rows;
    }

    private static ModuleLayer.Controller layer() {
        ModuleDescriptor descriptor = ModuleDescriptor.newModule(MODULE).exports(MODULE).packages(Set.of(MODULE))
                .build();
        ClassLoader jar = NetlinkTables.class.getClassLoader();
        ModuleReference reference = new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
                return new JarClasses(jar);
            }
        };
        ModuleFinder finder = new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return MODULE.equals(name) ? Optional.of(reference) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.of(reference);
            }
        };
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        return ModuleLayer.defineModulesWithOneLoader(configuration, List.of(ModuleLayer.boot()),
                ClassLoader.getPlatformClassLoader());
    }

    /** The module's classes, read from the agent's jar through the loader that loaded the agent. */
    private static final class JarClasses implements ModuleReader {
        private final ClassLoader jar;

        JarClasses(ClassLoader jar) {
            this.jar = jar == null ? ClassLoader.getSystemClassLoader() : jar;
        }

        @Override
        public Optional<URI> find(String name) throws IOException {
            URL url = jar.getResource(name);
            try {
                return url == null || !name.startsWith(MODULE.replace('.', '/') + "/") ? Optional.empty()
                        : Optional.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            Optional<URI> found = find(name);
            return found.isEmpty() ? Optional.empty() : Optional.ofNullable(jar.getResourceAsStream(name));
        }

        @Override
        public Stream<String> list() {
            return Stream.empty();
        }

        @Override
        public void close() {
        }
    }
}

package io.sockleak.report;

import io.sockleak.diagnose.Diagnosis;
import io.sockleak.diagnose.LeakFinding;
import io.sockleak.model.LeakKind;
import io.sockleak.diagnose.ListenerFinding;
import io.sockleak.diagnose.StaleFinding;
import io.sockleak.kernel.Endpoint;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.TcpRow;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.Api;
import io.sockleak.model.BindFailure;
import io.sockleak.model.FdUsage;
import io.sockleak.model.KernelStatus;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.Origin;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.SiteEntry;
import io.sockleak.model.StalePooled;
import io.sockleak.model.Summary;
import io.sockleak.model.Trigger;
import io.sockleak.model.UnacceptedConnection;
import io.sockleak.track.PooledConnection;
import io.sockleak.track.Site;
import io.sockleak.track.SiteSample;
import io.sockleak.track.SiteTable;
import io.sockleak.track.SocketRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Turns a diagnosis into the report model: addresses as text, stacks materialised, leaks grouped by site. */
public final class ReportBuilder {

    private static final int TOP_OPEN_SITES = 10;

    private final SiteTable sites;

    public ReportBuilder(SiteTable sites) {
        this.sites = sites;
    }

    /** Every entry listed: for callers without a memory budget. */
    public LeakReport build(Trigger trigger, Instant now, ProcessInfo process, Supplier<AgentStatus> agent,
                            KernelSnapshot kernel, long scanMillis, Diagnosis diagnosis,
                            List<SocketRecord> live, List<BindFailure> bindFailures) {
        return build(trigger, now, process, agent, kernel, scanMillis, diagnosis, live, bindFailures,
                Integer.MAX_VALUE);
    }

    /**
     * {@code agent} is asked last, so that its counters include the stacks this report interned.
     * {@code maxListed}: the most leaks, stale pooled connections and unaccepted connections (each) the
     * report lists; the summary and the sites count them all, and a note says what was left out.
     */
    public LeakReport build(Trigger trigger, Instant now, ProcessInfo process, Supplier<AgentStatus> agent,
                            KernelSnapshot kernel, long scanMillis, Diagnosis diagnosis,
                            List<SocketRecord> live, List<BindFailure> bindFailures, int maxListed) {
        List<Leak> leaks = new ArrayList<>();
        Map<String, SiteCount> bySite = new LinkedHashMap<>();
        for (LeakFinding finding : diagnosis.leaks()) {
            Site site = finding.record() == null ? null : finding.record().site(sites);
            if (leaks.size() < maxListed) {
                leaks.add(leak(finding, now));
            }
            if (site != null) {
                bySite.computeIfAbsent(site.id(), id -> new SiteCount(site)).count++;
            }
        }
        List<StalePooled> stale = diagnosis.stalePooled().stream().limit(maxListed).map(f -> stale(f, now)).toList();
        int[] unacceptedLeft = {maxListed};
        List<ListenerEntry> listeners = diagnosis.listeners().stream().map(f -> listener(f, unacceptedLeft)).toList();
        Summary summary = new Summary(diagnosis.trackedOpen(),
                (int) diagnosis.count(LeakKind.CLOSE_WAIT),
                diagnosis.unaccepted(),
                (int) diagnosis.count(LeakKind.COLLECTED_OPEN),
                (int) diagnosis.count(LeakKind.UNTRACKED),
                diagnosis.stalePooled().size(),
                diagnosis.young(),
                diagnosis.untrackedOpen());
        ProcessInfo withFds = kernel.available()
                ? new ProcessInfo(process.pid(), process.mainClass(), process.javaVersion(), process.agentVersion(),
                process.startMode(), process.agentStartedAt(), new FdUsage(kernel.openFds(), kernel.fdLimit()))
                : process;
        return new LeakReport(LeakReport.SCHEMA_VERSION, now.toString(), trigger.jsonName(), withFds, agent.get(),
                new KernelStatus(kernel.available(), kernel.reason().isEmpty() ? null : kernel.reason(),
                        kernel.available() ? scanMillis : null, kernel.tableSource()),
                summary, listeners, leaks, stale, ranked(bySite), openBySite(live), bindFailures,
                ReportNotes.of(summary, ReportCut.note(leaks.size(), stale.size(), listed(listeners), summary)));
    }

    private Leak leak(LeakFinding f, Instant now) {
        SocketRecord r = f.record();
        TcpRow row = f.row();
        Site site = r == null ? null : r.site(sites);
        PooledConnection borrowed = f.borrowed();
        // '|', not '||': both keys, the open's and the borrow's, go back to exact stacks
        boolean sampled = distrusted(r == null ? null : r.stackSample())
                | distrusted(borrowed == null ? null : borrowed.borrowSample());
        Site openSite = r == null ? null : r.openSite(sites);
        Long closeWaitSeconds = secondsSince(f.closeWaitSinceMillis(), now);
        Site borrow = borrowed == null ? null : borrowed.borrowSite(sites);
        return new Leak(
                f.kind().name(),
                r == null ? Origin.UNKNOWN.json() : r.origin(),
                r == null ? Api.UNKNOWN.json() : r.api(),
                row != null ? row.local().toString() : r == null ? null : Endpoint.text(r.localAddress(), r.localPort()),
                row != null ? row.remote().toString() : r == null ? null : Endpoint.text(r.remoteAddress(), r.remotePort()),
                f.fd(),
                row == null ? null : row.inode(),
                row == null ? null : row.state().name(),
                r == null ? null : Instant.ofEpochMilli(r.openedAtMillis()).toString(),
                r == null ? null : r.thread(),
                site == null ? List.of() : site.stack(),
                site == null ? null : site.id(),
                f.closeWaitSinceMillis() == null ? null : Instant.ofEpochMilli(f.closeWaitSinceMillis()).toString(),
                closeWaitSeconds,
                r != null && r.isCollected() ? Instant.ofEpochMilli(r.collectedAtMillis()).toString() : null,
                f.evidence().name(),
                f.frame(sites),
                site == null ? null : site.libraryFrame(),
                borrowed == null ? (r != null && r.pooled() != null ? r.pooled().pool() : null) : borrowed.pool(),
                borrowed == null ? null : Instant.ofEpochMilli(borrowed.sinceMillis()).toString(),
                borrowed == null ? null : borrowed.borrowThread(),
                borrow == null ? List.of() : borrow.stack(),
                borrow == null ? null : borrow.frame(),
                r == null ? null : r.requestThread(),
                openSite == null ? List.of() : openSite.stack(),
                r == null ? null : OpenedBy.of(openSite != null ? openSite : site, r.requestThread() != null),
                sampled);
    }

    /**
     * Whether a leak's stack (its open's or its borrow's) is a sample; if so the key goes back to a stack
     * per socket or borrow, so that its next one names its own line whichever code opened it.
     */
    private static boolean distrusted(SiteSample sample) {
        if (sample == null) {
            return false;
        }
        sample.distrust();
        return true;
    }

    private StalePooled stale(StaleFinding f, Instant now) {
        SocketRecord r = f.record();
        Site site = r.site(sites);
        return new StalePooled(f.pooled().pool(),
                f.row().local().toString(),
                f.row().remote().toString(),
                f.fd(),
                f.row().inode(),
                secondsSince(f.closeWaitSinceMillis(), now),
                secondsSince(f.idleSinceMillis(), now),
                Instant.ofEpochMilli(r.openedAtMillis()).toString(),
                site == null ? null : site.id(),
                site == null ? null : site.frame(),
                site == null ? null : site.libraryFrame(),
                site == null ? List.of() : site.stack(),
                PoolAdvice.forPool(f.pooled().pool()));
    }

    private static Long secondsSince(Long millis, Instant now) {
        return millis == null ? null : Math.max(0, (now.toEpochMilli() - millis) / 1000);
    }

    private static int listed(List<ListenerEntry> listeners) {
        return listeners.stream().mapToInt(l -> l.unaccepted().size()).sum();
    }

    /** {@code left}: how many more unaccepted connections the report may list. */
    private ListenerEntry listener(ListenerFinding f, int[] left) {
        SocketRecord r = f.record();
        Site site = r == null ? null : r.site(sites);
        String local = f.row() != null ? f.row().local().toString() : Endpoint.text(r.localAddress(), r.localPort());
        int listedHere = Math.max(0, Math.min(left[0], f.unaccepted().size()));
        left[0] -= listedHere;
        List<UnacceptedConnection> unaccepted = f.unaccepted().stream().limit(listedHere)
                .map(row -> new UnacceptedConnection(row.remote().toString(), row.state().name(), row.rxQueue()))
                .toList();
        return new ListenerEntry(local,
                f.row() == null ? -1 : (int) f.row().rxQueue(),
                f.fd(),
                f.row() == null ? null : f.row().inode(),
                r == null ? null : r.api(),
                r == null ? null : Instant.ofEpochMilli(r.openedAtMillis()).toString(),
                r == null ? null : r.thread(),
                site == null ? List.of() : site.stack(),
                site == null ? null : site.id(),
                unaccepted,
                site == null ? null : site.frame(),
                site == null ? null : site.libraryFrame());
    }

    private List<SiteEntry> openBySite(List<SocketRecord> live) {
        Map<String, SiteCount> bySite = new LinkedHashMap<>();
        for (SocketRecord r : live) {
            if (r.isListener() || r.isCollected()) {
                continue;
            }
            Site site = r.site(sites);
            if (site != null) {
                bySite.computeIfAbsent(site.id(), id -> new SiteCount(site)).count++;
            }
        }
        List<SiteEntry> ranked = ranked(bySite);
        return ranked.size() > TOP_OPEN_SITES ? ranked.subList(0, TOP_OPEN_SITES) : ranked;
    }

    private static List<SiteEntry> ranked(Map<String, SiteCount> bySite) {
        return bySite.values().stream()
                .map(c -> new SiteEntry(c.site.id(), c.count, c.site.frame(), c.site.libraryFrame(), c.site.stack()))
                .sorted(Comparator.comparingInt(SiteEntry::count).reversed().thenComparing(SiteEntry::site))
                .toList();
    }

    private static final class SiteCount {
        final Site site;
        int count;

        SiteCount(Site site) {
            this.site = site;
        }
    }
}

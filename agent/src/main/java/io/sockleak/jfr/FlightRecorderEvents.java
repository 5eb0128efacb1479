package io.sockleak.jfr;

import io.sockleak.diagnose.Diagnosis;
import io.sockleak.diagnose.LeakFinding;
import io.sockleak.kernel.Endpoint;
import io.sockleak.model.Evidence;
import io.sockleak.model.LeakKind;
import io.sockleak.support.Console;
import io.sockleak.track.Site;
import io.sockleak.track.SiteTable;
import io.sockleak.track.SocketRecord;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

import java.util.function.Supplier;

/**
 * sockleak's findings in a running JFR recording. Costs nothing while no recording runs: it only
 * listens for Flight Recorder's initialisation (which adding a listener does not cause), and then
 * registers one periodic hook that JFR calls only while {@code io.sockleak.LeakCounts} is enabled in
 * a recording. Each call is one scan (the same correlation a report makes): a {@link LeakEvent} for
 * every leak found, if that event is enabled, then one {@link LeakCountsEvent}. Loaded only when the
 * runtime has jdk.jfr; never throws into the JVM.
 */
public final class FlightRecorderEvents implements AutoCloseable {

    private final Supplier<Diagnosis> diagnoses;
    private final SiteTable sites;
    private final Console console;
    private final Runnable hook = this::scan;
    private final FlightRecorderListener listener = new FlightRecorderListener() {
        @Override
        public void recorderInitialized(FlightRecorder recorder) {
            registerHook();
        }
    };
    private boolean hooked;
    private boolean closed;
    private volatile boolean failureTold;

    private FlightRecorderEvents(Supplier<Diagnosis> diagnoses, SiteTable sites, Console console) {
        this.diagnoses = diagnoses;
        this.sites = sites;
        this.console = console;
    }

    /** Starts listening; returns null (after one line) when this JVM's Flight Recorder is not usable. */
    public static FlightRecorderEvents start(Supplier<Diagnosis> diagnoses, SiteTable sites, Console console) {
        try {
            if (!FlightRecorder.isAvailable()) {
                return null;
            }
            FlightRecorderEvents events = new FlightRecorderEvents(diagnoses, sites, console);
            // Calls recorderInitialized at once when a recording already runs (-XX:StartFlightRecording).
            FlightRecorder.addListener(events.listener);
            return events;
        } catch (RuntimeException | LinkageError e) {
            console.line("JFR: no events (" + e + ")");
            return null;
        }
    }

    private synchronized void registerHook() {
        if (hooked || closed) {
            return;
        }
        try {
            FlightRecorder.register(LeakEvent.class);
            FlightRecorder.addPeriodicEvent(LeakCountsEvent.class, hook);
            hooked = true;
        } catch (RuntimeException | LinkageError e) {
            console.line("JFR: could not register sockleak's events: " + e);
        }
    }

    private void scan() {
        try {
            Diagnosis diagnosis = diagnoses.get();
            if (new LeakEvent().isEnabled()) {
                diagnosis.leaks().forEach(this::commit);
            }
            LeakCountsEvent counts = new LeakCountsEvent();
            counts.leaks = diagnosis.leakCount();
            counts.closeWait = diagnosis.count(LeakKind.CLOSE_WAIT);
            counts.collectedOpen = diagnosis.count(LeakKind.COLLECTED_OPEN);
            counts.untracked = diagnosis.count(LeakKind.UNTRACKED);
            counts.closeWaitAged = diagnosis.count(Evidence.CLOSE_WAIT_AGED);
            counts.readEofKept = diagnosis.count(Evidence.READ_EOF_KEPT);
            counts.borrowedNotReturned = diagnosis.count(Evidence.BORROWED_NOT_RETURNED);
            counts.openAtExit = diagnosis.count(Evidence.OPEN_AT_EXIT);
            counts.unaccepted = diagnosis.unaccepted();
            counts.stalePooled = diagnosis.stalePooled().size();
            counts.young = diagnosis.young();
            counts.trackedOpen = diagnosis.trackedOpen();
            counts.commit();
        } catch (Throwable t) {
            if (!failureTold) {
                failureTold = true;
                console.line("JFR: a scan for the recording failed (told once): " + t);
            }
        }
    }

    private void commit(LeakFinding leak) {
        LeakEvent event = new LeakEvent();
        if (!event.shouldCommit()) {
            return;
        }
        Site site = leak.site(sites);
        event.kind = leak.kind().name();
        event.verdict = leak.evidence().name();
        SocketRecord r = leak.record();
        if (leak.row() != null) {
            event.local = leak.row().local().toString();
            event.remote = leak.row().remote().toString();
        } else if (r != null) {
            event.local = Endpoint.text(r.localAddress(), r.localPort());
            event.remote = Endpoint.text(r.remoteAddress(), r.remotePort());
        }
        event.fd = leak.fd() == null ? -1 : leak.fd();
        event.closeWaitSeconds = leak.closeWaitSinceMillis() == null ? -1
                : Math.max(0, (System.currentTimeMillis() - leak.closeWaitSinceMillis()) / 1000);
        event.siteId = site == null ? null : site.id();
        event.frame = leak.frame(sites);
        event.libraryFrame = site == null ? null : site.libraryFrame();
        event.pool = leak.borrowed() != null ? leak.borrowed().pool()
                : r != null && r.pooled() != null ? r.pooled().pool() : null;
        event.commit();
    }

    /** Removes the hook and the listener (the agent stops); a later start registers them again. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (hooked) {
                FlightRecorder.removePeriodicEvent(hook);
                hooked = false;
            }
            FlightRecorder.removeListener(listener);
        } catch (RuntimeException | LinkageError ignored) {
            // the recorder is shutting down with the JVM
        }
    }
}

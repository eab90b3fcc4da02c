package io.homelab.observer.agent.logship;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers the records Jackson writes and reads for log shipping (the wire batch and the buffer's
 * files) for reflection, so a native agent ships as the JVM one does.
 */
@RegisterForReflection(
    targets = {LogBatch.class, LogEntry.class, Cursor.class, ShipState.class, BatchMeta.class})
final class LogShipReflection {

  private LogShipReflection() {}
}

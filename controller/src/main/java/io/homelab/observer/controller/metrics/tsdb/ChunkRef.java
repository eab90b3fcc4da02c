package io.homelab.observer.controller.metrics.tsdb;

/** A sealed, encoded chunk held in the head until the next cut writes it to a block. */
record ChunkRef(byte[] data, int count, long minT, long maxT) {}

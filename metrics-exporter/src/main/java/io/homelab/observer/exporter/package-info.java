/**
 * Node, container and GPU collectors and the Prometheus text writer served by the agent on 9100.
 */
package io.homelab.observer.exporter;

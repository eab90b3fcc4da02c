package io.homelab.observer.agent.docker;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link com.github.dockerjava.api.DockerClient} without a read time-out, for calls that
 * may stay silent for long: log follows, consoles and image pulls (bounded by their own deadlines).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Streaming {}

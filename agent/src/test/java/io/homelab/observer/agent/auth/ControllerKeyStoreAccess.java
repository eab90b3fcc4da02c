package io.homelab.observer.agent.auth;

import java.nio.file.Path;
import java.util.Optional;

/** Lets tests in other packages build an empty {@link ControllerKeyStore} on a temp file. */
public record ControllerKeyStoreAccess(Path dir) {

  public ControllerKeyStore store() {
    return new ControllerKeyStore(dir.resolve(ControllerKeyStore.FILE), Optional.empty(), false);
  }
}

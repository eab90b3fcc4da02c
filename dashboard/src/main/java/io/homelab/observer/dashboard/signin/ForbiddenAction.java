package io.homelab.observer.dashboard.signin;

/** The signed-in user's role does not allow the request (answered 403). */
public class ForbiddenAction extends RuntimeException {
  public ForbiddenAction(String message) {
    super(message);
  }
}

package io.homelab.observer.controller.notify;

/** Delivers one message to one notifier of its type; one implementation per type. */
public interface Sender {

  /** The notifier type it serves ({@code webhook}, {@code ntfy}, ...). */
  String type();

  /**
   * One delivery attempt. The exception's message must not contain the URL or secret: it is logged
   * and shown by the test endpoint.
   */
  void send(NotifierEntity notifier, AlertMessage message) throws DeliveryException;
}

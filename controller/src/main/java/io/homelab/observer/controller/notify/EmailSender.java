package io.homelab.observer.controller.notify;

import io.homelab.observer.controller.config.ControllerConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * E-mail over SMTP through the Vert.x mail client (what Quarkus's mailer uses), with each
 * notifier's own server and credentials rather than one global mailer.
 */
@Singleton
public class EmailSender implements Sender {

  private final Vertx vertx;
  private final Duration timeout;

  public EmailSender(Vertx vertx, ControllerConfig config) {
    this.vertx = vertx;
    this.timeout = config.notifications().timeout();
  }

  @Override
  public String type() {
    return "email";
  }

  @Override
  public void send(NotifierEntity n, AlertMessage m) throws DeliveryException {
    MailConfig config =
        new MailConfig()
            .setHostname(n.smtpHost)
            .setPort(n.smtpPort)
            .setConnectTimeout((int) timeout.toMillis())
            .setKeepAlive(false);
    switch (n.smtpTls == null ? "starttls" : n.smtpTls) {
      case "tls" -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
      case "none" -> config.setStarttls(StartTLSOptions.DISABLED);
      default -> config.setStarttls(StartTLSOptions.REQUIRED);
    }
    if (n.smtpUsername != null) {
      config.setUsername(n.smtpUsername).setPassword(n.secret).setLogin(LoginOption.REQUIRED);
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    MailMessage mail =
        new MailMessage()
            .setFrom(n.mailFrom)
            .setTo(Arrays.asList(n.mailTo.split(",")))
            .setSubject(MessageText.title(m))
            .setText(MessageText.body(m));
    MailClient client = MailClient.create(vertx, config);
    String where = "SMTP server " + n.smtpHost + ":" + n.smtpPort;
    try {
      client
          .sendMail(mail)
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new DeliveryException(
          where + " did not accept the mail within " + timeout.toSeconds() + "s", true);
    } catch (ExecutionException e) {
      String why = e.getCause() == null ? "failed" : String.valueOf(e.getCause().getMessage());
      // an SMTP 5xx reply is permanent (bad address, refused login); anything else may pass later
      boolean permanent = why.matches("(?s).*\\b5\\d\\d\\b.*");
      throw new DeliveryException(where + ": " + why, !permanent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("delivery to " + where + " interrupted", false);
    } finally {
      client.close();
    }
  }
}

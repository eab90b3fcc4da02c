package io.homelab.observer.controller.notify;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Short database transactions over table {@code notifiers}; deliveries run outside them. */
@ApplicationScoped
public class NotifierStore {

  private static final String COLUMNS =
      "SELECT id, name, type, enabled, url, secret, smtp_host, smtp_port, smtp_tls, smtp_username,"
          + " mail_from, mail_to, created_at FROM notifiers";

  private final Database db;

  public NotifierStore(Database db) {
    this.db = db;
  }

  public List<NotifierEntity> all() {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY name", NotifierStore::row));
  }

  public NotifierEntity require(String id) {
    return db.tx(c -> find(c, id));
  }

  public NotifierEntity insert(NotifierEntity n) {
    return db.tx(
        c -> {
          checkUnique(c, n.name, "");
          Jdbc.update(
              c,
              "INSERT INTO notifiers (id, name, type, enabled, url, secret, smtp_host, smtp_port,"
                  + " smtp_tls, smtp_username, mail_from, mail_to, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              n.id,
              n.name,
              n.type,
              n.enabled,
              Jdbc.text(n.url),
              Jdbc.text(n.secret),
              Jdbc.text(n.smtpHost),
              Jdbc.integer(n.smtpPort),
              Jdbc.text(n.smtpTls),
              Jdbc.text(n.smtpUsername),
              Jdbc.text(n.mailFrom),
              Jdbc.text(n.mailTo),
              n.createdAt);
          return n;
        });
  }

  public NotifierEntity update(String id, String newName, Consumer<NotifierEntity> change) {
    return db.tx(
        c -> {
          NotifierEntity n = find(c, id);
          checkUnique(c, newName, id);
          change.accept(n);
          Jdbc.update(
              c,
              "UPDATE notifiers SET name = ?, type = ?, enabled = ?, url = ?, secret = ?,"
                  + " smtp_host = ?, smtp_port = ?, smtp_tls = ?, smtp_username = ?,"
                  + " mail_from = ?, mail_to = ? WHERE id = ?",
              n.name,
              n.type,
              n.enabled,
              Jdbc.text(n.url),
              Jdbc.text(n.secret),
              Jdbc.text(n.smtpHost),
              Jdbc.integer(n.smtpPort),
              Jdbc.text(n.smtpTls),
              Jdbc.text(n.smtpUsername),
              Jdbc.text(n.mailFrom),
              Jdbc.text(n.mailTo),
              n.id);
          return n;
        });
  }

  public void delete(String id) {
    int removed = db.tx(c -> Jdbc.update(c, "DELETE FROM notifiers WHERE id = ?", id));
    if (removed == 0) {
      throw ApiException.notFound("no notifier " + id);
    }
  }

  private static NotifierEntity find(Connection c, String id) throws SQLException {
    return (id == null
            ? java.util.Optional.<NotifierEntity>empty()
            : Jdbc.first(c, COLUMNS + " WHERE id = ?", NotifierStore::row, id))
        .orElseThrow(() -> ApiException.notFound("no notifier " + id));
  }

  private static void checkUnique(Connection c, String name, String exceptId) throws SQLException {
    if (Jdbc.count(c, "SELECT COUNT(*) FROM notifiers WHERE name = ? AND id <> ?", name, exceptId)
        > 0) {
      throw ApiException.conflict("a notifier named " + name + " exists already");
    }
  }

  private static NotifierEntity row(ResultSet rs) throws SQLException {
    NotifierEntity n = new NotifierEntity();
    n.id = rs.getString("id");
    n.name = rs.getString("name");
    n.type = rs.getString("type");
    n.enabled = rs.getBoolean("enabled");
    n.url = rs.getString("url");
    n.secret = rs.getString("secret");
    n.smtpHost = rs.getString("smtp_host");
    n.smtpPort = Jdbc.nullableInt(rs, "smtp_port");
    n.smtpTls = rs.getString("smtp_tls");
    n.smtpUsername = rs.getString("smtp_username");
    n.mailFrom = rs.getString("mail_from");
    n.mailTo = rs.getString("mail_to");
    n.createdAt = rs.getLong("created_at");
    return n;
  }
}

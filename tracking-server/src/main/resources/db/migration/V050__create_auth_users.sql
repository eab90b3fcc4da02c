-- Basic-auth users (mlflow server --app-name basic-auth), in the tracking database (portable SQL).
-- Passwords are PBKDF2 hashes (PasswordHasher); ids come from id_counters like every other table here.
CREATE TABLE auth_users (
  id BIGINT PRIMARY KEY,
  username VARCHAR(255) NOT NULL UNIQUE,
  password_hash VARCHAR(255) NOT NULL,
  is_admin BOOLEAN NOT NULL
);
INSERT INTO id_counters (name, next_id) VALUES ('auth_users', 1);

package io.homelab.observer.agent.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The agent's TLS certificate: made once in {@code <data-dir>/tls/} on first start (unlike
 * Portainer's agent, which makes a new one at every start, so its fingerprint could never be
 * pinned), or the operator's own PEM files.
 */
public final class AgentCertificate {

  /** Generated certificates live ten years: the pin is what is trusted, not the dates. */
  static final Duration VALIDITY = Duration.ofDays(3650);

  private AgentCertificate() {}

  /** Generated certificate path under a data dir. */
  public static Path generatedCert(Path dataDir) {
    return dataDir.resolve("tls").resolve("agent-cert.pem");
  }

  /** Generated key path under a data dir. */
  public static Path generatedKey(Path dataDir) {
    return dataDir.resolve("tls").resolve("agent-key.pem");
  }

  /** Creates the self-signed certificate and key when either file is missing. */
  public static void ensureGenerated(Path dataDir) throws IOException {
    Path cert = generatedCert(dataDir);
    Path key = generatedKey(dataDir);
    if (Files.exists(cert) && Files.exists(key)) {
      return;
    }
    Files.createDirectories(cert.getParent());
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = gen.generateKeyPair();
      X500Name subject = new X500Name("CN=homelab-agent");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(128, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              pair.getPublic());
      List<GeneralName> names = new ArrayList<>();
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
      try {
        String host = InetAddress.getLocalHost().getHostName();
        if (host != null && !host.isBlank() && !host.equals("localhost")) {
          names.add(new GeneralName(GeneralName.dNSName, host));
        }
      } catch (IOException e) {
        // No resolvable host name: the fingerprint pin does not depend on names anyway.
      }
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(new GeneralName[0])));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      // PKCS#8 ("PRIVATE KEY"): Vert.x does not read the SEC1 "EC PRIVATE KEY" form.
      writePem(key, new JcaPKCS8Generator(pair.getPrivate(), null), true);
      writePem(cert, certificate, false);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate the agent's TLS certificate: " + e.getMessage(), e);
    }
  }

  private static void writePem(Path file, Object object, boolean secret) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(object);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
    }
    Files.writeString(tmp, text.toString());
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Lower-case hex SHA-256 of the DER of the first certificate in a PEM file. */
  public static String fingerprint(Path pemCertificate) throws IOException {
    try (var in = Files.newInputStream(pemCertificate)) {
      X509Certificate c =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException(pemCertificate + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }
}

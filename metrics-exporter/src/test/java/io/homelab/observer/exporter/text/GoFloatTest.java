package io.homelab.observer.exporter.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Values as node_exporter 1.5 printed them on the Debian 12 test host. */
class GoFloatTest {

  @Test
  void integersBelowAMillionArePlain() {
    assertThat(GoFloat.format(783764)).isEqualTo("783764");
    assertThat(GoFloat.format(65536)).isEqualTo("65536");
    assertThat(GoFloat.format(1)).isEqualTo("1");
    assertThat(GoFloat.format(0)).isEqualTo("0");
    assertThat(GoFloat.format(-125000)).isEqualTo("-125000");
  }

  @Test
  void largeValuesUseShortestExponentForm() {
    assertThat(GoFloat.format(1.79560718e+09)).isEqualTo("1.79560718e+09");
    assertThat(GoFloat.format(2466174)).isEqualTo("2.466174e+06");
    assertThat(GoFloat.format(2.5276063744e+10)).isEqualTo("2.5276063744e+10");
    assertThat(GoFloat.format(3.5184372087808e+13)).isEqualTo("3.5184372087808e+13");
    assertThat(GoFloat.format(1000000)).isEqualTo("1e+06");
    assertThat(GoFloat.format(1.7956077599002109e+09)).isEqualTo("1.7956077599002109e+09");
  }

  @Test
  void fractionsSwitchToExponentBelowTenToTheMinusFour() {
    assertThat(GoFloat.format(466.98)).isEqualTo("466.98");
    assertThat(GoFloat.format(0.000456476)).isEqualTo("0.000456476");
    assertThat(GoFloat.format(7.5021e-05)).isEqualTo("7.5021e-05");
    assertThat(GoFloat.format(0.1)).isEqualTo("0.1");
    assertThat(GoFloat.format(35.348037)).isEqualTo("35.348037");
  }

  @Test
  void specialValuesAsExpfmtWritesThem() {
    assertThat(GoFloat.format(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFloat.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloat.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }

  @Test
  void fractionsMatchTheExactDecimalExpansionOfJavasShortestDigits() {
    // Reference: the digits and exponent BigDecimal reads from Double.toString, formatted by Go's
    // 'g' rules; the writer takes them from the string directly.
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      double v =
          switch (i % 4) {
            case 0 -> random.nextDouble();
            case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 2 -> Double.longBitsToDouble(random.nextLong()) % 1e30;
            default -> Math.round(random.nextDouble() * 1e6) / 1e3;
          };
      if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
        continue;
      }
      assertThat(GoFloat.format(v)).as("%s", v).isEqualTo(reference(v));
    }
  }

  private static String reference(double v) {
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = digits.length() - 1 - bd.scale();
    String sign = v < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      return sign
          + mantissa
          + "e"
          + (exp < 0 ? "-" : "+")
          + (Math.abs(exp) < 10 ? "0" : "")
          + Math.abs(exp);
    }
    return sign
        + new BigDecimal(digits).scaleByPowerOfTen(exp - digits.length() + 1).toPlainString();
  }
}

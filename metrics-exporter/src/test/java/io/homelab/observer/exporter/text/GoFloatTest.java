package io.homelab.observer.exporter.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}

package io.drover.jobs.pagerank.model;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A sum of doubles without rounding (every finite double is {@code m * 2^e} with integer m and e):
 * the same value whatever the order of the terms and however they are split between tasks, so
 * rounded once at the end it gives the same bits on every run. PageRank adds rank contributions
 * (in the combiner and the reducer), the L1 change and the dangling mass this way.
 *
 * <p>The value is held in binary, {@link #mantissa()} times 2 to the {@link #exponent()}, with the
 * mantissa odd (or zero): one canonical form per value, which the combiner ships (a sum of shares
 * of similar size takes about as many bytes as one double).
 */
public final class ExactSum {
  private BigInteger mantissa = BigInteger.ZERO;
  private int exponent;

  public void add(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return;
    }
    long bits = Double.doubleToRawLongBits(v);
    int biased = (int) ((bits >>> 52) & 0x7ff);
    long m = bits & ((1L << 52) - 1);
    if (biased == 0) {
      biased = 1; // subnormal
    } else {
      m |= 1L << 52;
    }
    int shift = Long.numberOfTrailingZeros(m);
    m >>>= shift;
    add(BigInteger.valueOf(bits < 0 ? -m : m), biased - 1075 + shift);
  }

  /** Adds {@code m * 2^e}. */
  public void add(BigInteger m, int e) {
    if (m.signum() == 0) {
      return;
    }
    if (mantissa.signum() == 0) {
      mantissa = m;
      exponent = e;
    } else if (e >= exponent) {
      mantissa = mantissa.add(m.shiftLeft(e - exponent));
    } else {
      mantissa = mantissa.shiftLeft(exponent - e).add(m);
      exponent = e;
    }
    normalize();
  }

  public void add(ExactSum o) {
    add(o.mantissa, o.exponent);
  }

  /** Adds a value that is a finite sum of doubles (a dyadic decimal, as {@link #exact} gives). */
  public void add(BigDecimal v) {
    if (v.signum() == 0) {
      return;
    }
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() <= 0) {
      add(s.toBigIntegerExact(), 0);
      return;
    }
    BigInteger[] qr = s.unscaledValue().divideAndRemainder(BigInteger.valueOf(5).pow(s.scale()));
    if (qr[1].signum() != 0) {
      throw new IllegalArgumentException("not a sum of doubles: " + v);
    }
    add(qr[0], -s.scale());
  }

  private void normalize() {
    int zeros = mantissa.getLowestSetBit();
    if (zeros > 0) {
      mantissa = mantissa.shiftRight(zeros);
      exponent += zeros;
    } else if (zeros < 0) {
      exponent = 0; // zero
    }
  }

  public void reset() {
    mantissa = BigInteger.ZERO;
    exponent = 0;
  }

  /** The odd mantissa m of the sum {@code m * 2^e}, or zero. */
  public BigInteger mantissa() {
    return mantissa;
  }

  /** The exponent e of the sum {@code m * 2^e} (0 when the sum is zero). */
  public int exponent() {
    return exponent;
  }

  /** The exact sum as a decimal (canonical: no trailing zeros). */
  public BigDecimal exact() {
    if (mantissa.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (exponent >= 0) {
      return new BigDecimal(mantissa.shiftLeft(exponent));
    }
    return new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
  }

  /** The exact sum rounded once (to nearest, ties to even) to a double. */
  public double value() {
    if (mantissa.signum() == 0) {
      return 0;
    }
    // BigInteger.doubleValue rounds correctly; scaling by a power of two is exact unless the
    // result leaves the normal range
    double d = Math.scalb(mantissa.doubleValue(), exponent);
    if (Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL) {
      return d;
    }
    return exact().doubleValue();
  }
}

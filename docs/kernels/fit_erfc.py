#!/usr/bin/env python3
"""Fits the Chebyshev series VectorGelu uses for erfc, and prints GELU check values for CpuBackendGeluTest.

erfc(z) = t * exp(-z^2 + g(t)),  t = 2 / (2 + z),  g(t) = log(erfc(z) e^{z^2} / t),  z in [0, 27].
g is smooth on t in [2/29, 1]; its Chebyshev interpolant (34 nodes, 50 digits) is truncated to 30 terms
(double) or 15 terms (float). Needs mpmath. Run: python3 docs/kernels/fit_erfc.py
"""
import mpmath as mp

mp.mp.dps = 50
A, B = mp.mpf(2) / 29, mp.mpf(1)


def g(t):
    z = 2 / t - 2
    return mp.log(mp.erfc(z) * mp.exp(z * z) / t)


def chebyshev(nodes):
    us = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / nodes) for k in range(nodes)]
    vals = [g((B - A) / 2 * u + (A + B) / 2) for u in us]
    coeffs = []
    for j in range(nodes):
        s = sum(vals[k] * mp.cos(mp.pi * j * (k + mp.mpf(1) / 2) / nodes) for k in range(nodes))
        coeffs.append(2 * s / nodes)
    coeffs[0] /= 2
    return coeffs


if __name__ == "__main__":
    print("G = {")
    for c in chebyshev(34)[:30]:
        print("    %r," % float(c))
    print("}")
    print("GELU check values (x, gelu(x) to 20 digits):")
    for x in [-10.0, -8.0, -6.0, -5.0, -3.3, -1.0, -0.3, 1e-3, 0.7, 2.2, 5.0, 7.002733281834864,
              9.0, -2.5, 3.75, -0.05]:
        v = mp.mpf(x) / 2 * (1 + mp.erf(mp.mpf(x) / mp.sqrt(2)))
        print("    {%r, %s}," % (x, mp.nstr(v, 20)))

//===- HostFloat.h - 16-bit float storage on the host ----------*- C++ -*-===//
//
// Conversions between float and the bf16 / fp16 bit patterns the kernels
// store, round to nearest even, for tests, checks and benchmarks.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_RUNTIME_HOSTFLOAT_H
#define WALSH_RUNTIME_HOSTFLOAT_H

#include <cstdint>
#include <cstring>

namespace walsh {

inline uint16_t floatToBF16(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  if ((u & 0x7fffffffu) > 0x7f800000u) // NaN stays NaN
    return uint16_t((u >> 16) | 0x40);
  u += 0x7fffu + ((u >> 16) & 1);
  return uint16_t(u >> 16);
}

inline float bf16ToFloat(uint16_t h) {
  uint32_t u = uint32_t(h) << 16;
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

inline uint16_t floatToF16(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  uint32_t sign = (u >> 16) & 0x8000u;
  uint32_t absu = u & 0x7fffffffu;
  if (absu > 0x7f800000u)
    return uint16_t(sign | 0x7e00u); // NaN
  if (absu >= 0x477ff000u)           // rounds to >= 65520: infinity
    return uint16_t(sign | 0x7c00u);
  if (absu < 0x38800000u) { // subnormal or zero in fp16
    float af;
    std::memcpy(&af, &absu, 4);
    // Scale so the subnormal lands in an integer, round to nearest even.
    float scaled = af * 16777216.0f; // 2^24
    uint32_t m = uint32_t(scaled);
    float rem = scaled - float(m);
    if (rem > 0.5f || (rem == 0.5f && (m & 1)))
      ++m;
    return uint16_t(sign | m);
  }
  uint32_t e = ((absu >> 23) - 127 + 15) << 10;
  uint32_t mant = absu & 0x7fffffu;
  uint32_t h = e | (mant >> 13);
  uint32_t rest = mant & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (h & 1)))
    ++h;
  return uint16_t(sign | h);
}

inline float f16ToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000u) << 16;
  uint32_t e = (h >> 10) & 0x1f, m = h & 0x3ffu;
  uint32_t u;
  if (e == 0) {
    float f = float(m) / 16777216.0f; // m * 2^-24
    std::memcpy(&u, &f, 4);
    u |= sign;
  } else if (e == 31) {
    u = sign | 0x7f800000u | (m << 13);
  } else {
    u = sign | ((e - 15 + 127) << 23) | (m << 13);
  }
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

} // namespace walsh

#endif // WALSH_RUNTIME_HOSTFLOAT_H

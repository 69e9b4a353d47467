//===- walsh/Support/NumberText.h - numbers in the C locale ---*- C++ -*-===//
//
// The numbers walsh writes into cache keys, kernel names and tuning keys,
// and reads back, as the C locale writes and reads them whatever the
// process's locale (std::to_chars, std::from_chars): a host that set one
// with a decimal comma (de_DE) named kernels "_s0,5" and keyed them "0,5"
// until 2026-12-06. Header-only; the C++ library alone.
//
//===----------------------------------------------------------------------===//
#ifndef WALSH_SUPPORT_NUMBERTEXT_H
#define WALSH_SUPPORT_NUMBERTEXT_H

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace walsh {

/// printf's "%.<precision>g" as the C locale writes it.
inline std::string gText(double value, int precision) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, value,
                         std::chars_format::general, precision);
  return std::string(buf, r.ptr);
}

/// printf's "%.<digits>f" as the C locale writes it, into [out, end) with
/// no allocation (for an out-of-memory message); returns the end of what
/// it wrote (`end` itself, the text unspecified, where it does not fit).
inline char *fixedText(double value, int digits, char *out, char *end) {
  return std::to_chars(out, end, value, std::chars_format::fixed, digits).ptr;
}
inline std::string fixedText(double value, int digits) {
  char buf[400]; // (DBL_MAX in fixed notation: 309 digits)
  return std::string(buf, fixedText(value, digits, buf, buf + sizeof buf));
}

/// The fewest digits that read back as `value` ("0.125", "1e-05").
inline std::string shortestText(double value) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

/// `text` as a double where all of it is one, read as the C locale reads
/// it; std::nullopt otherwise.
inline std::optional<double> parseDouble(std::string_view text) {
  double value = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
    return std::nullopt;
  return value;
}

} // namespace walsh

#endif // WALSH_SUPPORT_NUMBERTEXT_H

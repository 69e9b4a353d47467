//===- ListOptions.h - comma-separated option values ------------*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_LISTOPTIONS_H
#define WALSH_TOOLS_WALSH_LISTOPTIONS_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <type_traits>
#include <vector>

namespace walsh::cli {

/// The comma-separated values of `--option`, each through `parse` (which
/// clears `ok` to reject one); the error names the option and the value,
/// and what a value should be where `expects` ("expects counts of at least
/// 1") is given. An empty item (`256,,512`, a trailing comma) is refused,
/// not skipped; so is a value given twice where values compare (numbers,
/// dtypes), which would be timed twice (until 2026-12-07 both passed:
/// `walsh bench --sizes 256,,512` timed two sizes and `--dtypes bf16,bf16`
/// each size twice).
template <typename T>
llvm::Expected<std::vector<T>>
parseList(const std::string &s, const char *option,
          T (*parse)(llvm::StringRef, bool &), const char *expects = nullptr) {
  std::vector<T> out;
  llvm::SmallVector<llvm::StringRef> parts;
  llvm::StringRef(s).split(parts, ',', -1, /*KeepEmpty=*/true);
  if (parts.size() > 1)
    for (size_t i = 0; i < parts.size(); ++i)
      if (parts[i].trim().empty())
        return llvm::createStringError(std::string("--") + option + ": item " +
                                       std::to_string(i + 1) + " of '" + s +
                                       "' is empty");
  for (llvm::StringRef p : parts) {
    if (p.trim().empty())
      continue; // The whole list empty: said below.
    bool ok = true;
    T v = parse(p.trim(), ok);
    if (!ok)
      return llvm::createStringError(
          std::string("--") + option + ": cannot parse '" + p.str() + "'" +
          (expects ? std::string(" (") + expects + ")" : ""));
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>)
      for (size_t j = 0; j < out.size(); ++j)
        if (out[j] == v)
          return llvm::createStringError(
              std::string("--") + option + ": '" + p.trim().str() +
              "' is given twice (items " + std::to_string(j + 1) + " and " +
              std::to_string(out.size() + 1) + " of '" + s + "')");
    out.push_back(v);
  }
  if (out.empty())
    return llvm::createStringError(std::string("--") + option +
                                   ": empty list");
  return out;
}

/// A count of at least 1.
inline int64_t parseCount(llvm::StringRef s, bool &ok) {
  int64_t v = 0;
  ok = !s.getAsInteger(10, v) && v >= 1;
  return v;
}

/// f32, f16 or bf16.
inline DType parseDTypeItem(llvm::StringRef s, bool &ok) {
  auto t = parseDType(s.str());
  ok = t.has_value();
  return t.value_or(DType::F32);
}

/// What a list of counts expects, and its parse: `--rows 16,0` is "--rows:
/// cannot parse '0' (expects counts of at least 1)".
inline constexpr const char *kExpectsCounts = "expects counts of at least 1";
inline llvm::Expected<std::vector<int64_t>>
parseCounts(const std::string &s, const char *option,
            const char *expects = kExpectsCounts) {
  return parseList<int64_t>(s, option, parseCount, expects);
}

/// A list of dtypes (f32, f16, bf16).
inline llvm::Expected<std::vector<DType>> parseDTypes(const std::string &s,
                                                      const char *option) {
  return parseList<DType>(s, option, parseDTypeItem,
                          "expects f32, f16 or bf16");
}

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_LISTOPTIONS_H

//===- ListOptions.h - comma-separated option values ------------*- C++ -*-===//
#ifndef WALSH_TOOLS_WALSH_LISTOPTIONS_H
#define WALSH_TOOLS_WALSH_LISTOPTIONS_H

#include "walsh/Builder/ProjectionSpec.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace walsh::cli {

/// The comma-separated values of `--option`, each through `parse` (which
/// clears `ok` to reject one); the error names the option and the value,
/// and what a value should be where `expects` is given.
template <typename T>
llvm::Expected<std::vector<T>>
parseList(const std::string &s, const char *option,
          T (*parse)(llvm::StringRef, bool &), const char *expects = nullptr) {
  std::vector<T> out;
  llvm::SmallVector<llvm::StringRef> parts;
  llvm::StringRef(s).split(parts, ',', -1, false);
  for (llvm::StringRef p : parts) {
    bool ok = true;
    T v = parse(p.trim(), ok);
    if (!ok)
      return llvm::createStringError(
          std::string("--") + option + ": cannot parse '" + p.str() + "'" +
          (expects ? std::string(" (expects ") + expects + ")" : ""));
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

} // namespace walsh::cli

#endif // WALSH_TOOLS_WALSH_LISTOPTIONS_H

//===- JsonText.cpp - JSON text with shortest numbers ---------*- C++ -*-===//
//
// llvm::json::OStream does the layout (indentation, commas, string
// escapes); this walks the value so that it can hand OStream a non-integer
// number as raw text from std::to_chars, and sorts each object's keys as
// llvm::json::Value's own printing does.
//
//===----------------------------------------------------------------------===//

#include "walsh/Support/JsonText.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <charconv>
#include <cmath>
#include <locale.h>

using namespace llvm;

namespace walsh {
namespace {

void emit(json::OStream &j, const json::Value &v) {
  switch (v.kind()) {
  case json::Value::Object: {
    const json::Object &o = *v.getAsObject();
    SmallVector<const json::Object::value_type *> sorted;
    for (const auto &kv : o)
      sorted.push_back(&kv);
    llvm::sort(sorted, [](const auto *a, const auto *b) {
      return a->first < b->first;
    });
    j.object([&] {
      for (const auto *kv : sorted) {
        j.attributeBegin(kv->first);
        emit(j, kv->second);
        j.attributeEnd();
      }
    });
    return;
  }
  case json::Value::Array:
    j.array([&] {
      for (const json::Value &e : *v.getAsArray())
        emit(j, e);
    });
    return;
  case json::Value::Number:
    // Integers (and integral doubles, which llvm writes digit for digit)
    // as llvm writes them; other doubles shortest.
    if (!v.getAsInteger() && !v.getAsUINT64()) {
      double d = *v.getAsNumber();
      if (!std::isfinite(d)) {
        j.value(nullptr);
        return;
      }
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, d);
      j.rawValue(StringRef(buf, r.ptr - buf));
      return;
    }
    [[fallthrough]];
  default:
    j.value(v);
  }
}

} // namespace

std::string jsonText(const json::Value &value, unsigned indent) {
  std::string s;
  raw_string_ostream os(s);
  json::OStream j(os, indent);
  emit(j, value);
  return s;
}

llvm::Expected<llvm::json::Value> parseJson(llvm::StringRef text) {
  static const locale_t cLocale = newlocale(LC_ALL_MASK, "C", locale_t(0));
  locale_t previous = cLocale ? uselocale(cLocale) : locale_t(0);
  auto value = json::parse(text);
  if (cLocale)
    uselocale(previous);
  return value;
}

json::Value jsonString(StringRef text) {
  if (json::isUTF8(text))
    return json::Value(text.str());
  return json::Value(json::fixUTF8(text));
}

} // namespace walsh

# Shared by this folder's build scripts (sourced; BIN set by the caller):
# c DIR ARGS... compiles one kernel with `walsh compile` into DIR;
# renamed SUFFIX DIR ARGS... compiles it into a scratch folder, appends
# SUFFIX to its name (the JSON's "name" and every file), and moves it into
# DIR, so that variants of one size sit beside its default.
c() { local dir=$1; shift; WALSH_CACHE_DIR=none "$BIN/walsh" compile --target cuda "$@" --out "$dir" >/dev/null; }
renamed() {
  local suffix=$1 dir=$2; shift 2
  local tmp; tmp=$(mktemp -d)
  c "$tmp" "$@"
  local j n f
  for j in "$tmp"/*.json; do
    n=$(basename "$j" .json)
    sed -i "s/\"name\": \"$n\"/\"name\": \"${n}${suffix}\"/" "$j"
    for f in "$tmp/$n".*; do mv "$f" "$dir/${n}${suffix}.${f##*.}"; done
  done
  rmdir "$tmp"
}

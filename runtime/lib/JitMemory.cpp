//===- JitMemory.cpp - JIT memory in W^X hosts -----------------*- C++ -*-===//
//
// An orc::MemoryMapper whose reservations are memfds mapped twice: once
// read + write, where JITLink writes the code and data ("working memory"),
// and once at the addresses the code runs at, first PROT_NONE, then each
// segment mapped afresh (MAP_FIXED) with its final protection when it is
// initialized, and back to PROT_NONE when it is deinitialized. A fresh
// mapping that is not both writable and executable is what a W^X host
// (MDWE, systemd's seccomp filter) allows, where mprotect adding PROT_EXEC
// is refused. LLVM's InProcessMemoryMapper is the template.
//
//===----------------------------------------------------------------------===//

#include "walsh/Runtime/JitMemory.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ExecutionEngine/Orc/MapperJITLinkMemoryManager.h"
#include "llvm/ExecutionEngine/Orc/MemoryMapper.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/Process.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include <sys/mman.h>
#include <unistd.h>

namespace walsh {
namespace {

using llvm::Error;
using llvm::Expected;
using llvm::orc::ExecutorAddr;

Error systemError(const llvm::Twine &what) {
  return llvm::createStringError(
      std::error_code(errno, std::generic_category()),
      what + ": " + std::strerror(errno));
}

int protection(llvm::orc::MemProt p) {
  using namespace llvm; // MemProt's operators (LLVM's bitmask enums)
  using llvm::orc::MemProt;
  return ((p & MemProt::Read) == MemProt::Read ? PROT_READ : 0) |
         ((p & MemProt::Write) == MemProt::Write ? PROT_WRITE : 0) |
         ((p & MemProt::Exec) == MemProt::Exec ? PROT_EXEC : 0);
}

class DualMapper final : public llvm::orc::MemoryMapper {
public:
  explicit DualMapper(size_t pageSize) : pageSize(pageSize) {}

  static Expected<std::unique_ptr<DualMapper>> Create() {
    auto page = llvm::sys::Process::getPageSize();
    if (!page)
      return page.takeError();
    return std::make_unique<DualMapper>(*page);
  }

  unsigned int getPageSize() override { return pageSize; }

  void reserve(size_t bytes, OnReservedFunction onReserved) override {
    int fd = memfd_create("walsh-jit", MFD_CLOEXEC);
    if (fd < 0)
      return onReserved(systemError("JIT memory: memfd_create"));
    if (ftruncate(fd, off_t(bytes)) != 0) {
      Error e = systemError("JIT memory: ftruncate");
      ::close(fd);
      return onReserved(std::move(e));
    }
    void *work =
        mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    void *exec = work == MAP_FAILED
                     ? MAP_FAILED
                     : mmap(nullptr, bytes, PROT_NONE, MAP_SHARED, fd, 0);
    if (exec == MAP_FAILED) {
      Error e = systemError("JIT memory: mmap");
      if (work != MAP_FAILED)
        munmap(work, bytes);
      ::close(fd);
      return onReserved(std::move(e));
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      reservations[uintptr_t(exec)] = {static_cast<char *>(work), bytes, fd};
    }
    onReserved(llvm::orc::ExecutorAddrRange(
        ExecutorAddr::fromPtr(exec), llvm::orc::ExecutorAddrDiff(bytes)));
  }

  char *prepare(ExecutorAddr addr, size_t) override {
    std::lock_guard<std::mutex> lock(mu);
    auto [base, r] = *reservationOf(addr);
    return r->work + (addr.getValue() - base);
  }

  void initialize(AllocInfo &ai, OnInitializedFunction onInitialized) override {
    ExecutorAddr lo(~0ULL), hi(0);
    std::pair<uintptr_t, Reservation *> found;
    {
      std::lock_guard<std::mutex> lock(mu);
      found = *reservationOf(ai.MappingBase);
    }
    auto [base, r] = found;
    for (auto &seg : ai.Segments) {
      ExecutorAddr at = ai.MappingBase + seg.Offset;
      size_t size = seg.ContentSize + seg.ZeroFillSize;
      lo = std::min(lo, at);
      hi = std::max(hi, at + size);
      size_t offset = at.getValue() - base;
      std::memset(r->work + offset + seg.ContentSize, 0, seg.ZeroFillSize);
      if (Error e = mapAt(r, base, at, size, protection(seg.AG.getMemProt())))
        return onInitialized(std::move(e));
    }
    auto deinit = llvm::orc::shared::runFinalizeActions(ai.Actions);
    if (!deinit)
      return onInitialized(deinit.takeError());
    {
      std::lock_guard<std::mutex> lock(mu);
      allocations[lo] = {size_t(hi - lo), std::move(*deinit)};
      r->allocations.push_back(lo);
    }
    onInitialized(lo);
  }

  void deinitialize(llvm::ArrayRef<ExecutorAddr> bases,
                    OnDeinitializedFunction onDeinitialized) override {
    Error all = Error::success();
    std::lock_guard<std::mutex> lock(mu);
    for (ExecutorAddr b : llvm::reverse(bases)) {
      auto it = allocations.find(b);
      if (it == allocations.end())
        continue;
      if (Error e = llvm::orc::shared::runDeallocActions(it->second.deinit))
        all = llvm::joinErrors(std::move(all), std::move(e));
      auto [base, r] = *reservationOf(b);
      if (Error e = mapAt(r, base, b, it->second.size, PROT_NONE))
        all = llvm::joinErrors(std::move(all), std::move(e));
      allocations.erase(it);
    }
    onDeinitialized(std::move(all));
  }

  void release(llvm::ArrayRef<ExecutorAddr> bases,
               OnReleasedFunction onReleased) override {
    Error all = Error::success();
    for (ExecutorAddr b : bases) {
      std::vector<ExecutorAddr> allocs;
      {
        std::lock_guard<std::mutex> lock(mu);
        auto it = reservations.find(b.getValue());
        if (it == reservations.end())
          continue;
        allocs.swap(it->second.allocations);
      }
      deinitialize(allocs, [&](Error e) {
        all = llvm::joinErrors(std::move(all), std::move(e));
      });
      std::lock_guard<std::mutex> lock(mu);
      auto it = reservations.find(b.getValue());
      Reservation &r = it->second;
      if (munmap(b.toPtr<void *>(), r.size) != 0 || munmap(r.work, r.size) != 0)
        all =
            llvm::joinErrors(std::move(all), systemError("JIT memory: munmap"));
      ::close(r.fd);
      reservations.erase(it);
    }
    onReleased(std::move(all));
  }

  ~DualMapper() override {
    std::vector<ExecutorAddr> all;
    {
      std::lock_guard<std::mutex> lock(mu);
      for (const auto &[base, r] : reservations)
        all.push_back(ExecutorAddr(base));
    }
    release(all, [](Error e) { llvm::consumeError(std::move(e)); });
  }

private:
  struct Reservation {
    char *work;
    size_t size;
    int fd;
    std::vector<ExecutorAddr> allocations;
  };
  struct Allocation {
    size_t size;
    std::vector<llvm::orc::shared::WrapperFunctionCall> deinit;
  };

  /// The reservation holding `addr` (the caller holds `mu`).
  std::optional<std::pair<uintptr_t, Reservation *>>
  reservationOf(ExecutorAddr addr) {
    auto it = reservations.upper_bound(addr.getValue());
    if (it == reservations.begin())
      return std::nullopt;
    --it;
    return std::make_pair(it->first, &it->second);
  }

  /// The pages of [at, at + size) mapped afresh from the memfd with `prot`.
  Error mapAt(Reservation *r, uintptr_t base, ExecutorAddr at, size_t size,
              int prot) {
    uintptr_t from = at.getValue() & ~uintptr_t(pageSize - 1);
    uintptr_t to =
        (at.getValue() + size + pageSize - 1) & ~uintptr_t(pageSize - 1);
    if (to == from)
      return Error::success();
    void *p = mmap(reinterpret_cast<void *>(from), to - from, prot,
                   MAP_SHARED | MAP_FIXED, r->fd, off_t(from - base));
    if (p == MAP_FAILED)
      return systemError("JIT memory: mapping the kernel's code");
    return Error::success();
  }

  size_t pageSize;
  std::mutex mu;
  std::map<uintptr_t, Reservation> reservations;
  llvm::DenseMap<ExecutorAddr, Allocation> allocations;
};

} // namespace

bool mayMakeMemoryExecutable() {
  static const bool may = [] {
    // The tests' way to take the memfd path on any host.
    if (const char *v = std::getenv("WALSH_JIT_MEMORY"); v && *v)
      return std::strcmp(v, "memfd") != 0;
    long page = sysconf(_SC_PAGESIZE);
    void *p = mmap(nullptr, size_t(page), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return true; // no memory at all: LLVM's path says so
    bool ok = mprotect(p, size_t(page), PROT_READ | PROT_EXEC) == 0;
    munmap(p, size_t(page));
    return ok;
  }();
  return may;
}

Expected<std::unique_ptr<llvm::jitlink::JITLinkMemoryManager>>
createDualMappedJitMemory() {
  auto m = llvm::orc::MapperJITLinkMemoryManager::CreateWithMapper<DualMapper>(
      /*ReservationGranularity=*/1 << 20);
  if (!m)
    return m.takeError();
  return std::unique_ptr<llvm::jitlink::JITLinkMemoryManager>(std::move(*m));
}

} // namespace walsh

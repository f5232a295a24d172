// The test programs' main: Catch2's session, with skips reported to CTest.
//
// Catch2 v2 has no skipped state, so a test that cannot run here (no
// ../shared/corpus, no tmpfs) calls test::skip(). A run in which every test
// case that started was skipped exits with test::kSkipReturnCode, which
// CTest's SKIP_RETURN_CODE turns into "Skipped" in its summary; ctest runs one
// test case a process, so a skipped test is never counted as a pass.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "test_support.h"

namespace {

class CountTestCases : public Catch::TestEventListenerBase {
 public:
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(const Catch::TestCaseInfo& info) override {
    TestEventListenerBase::testCaseStarting(info);
    dateline::test::count_started_test_case();
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(CountTestCases)

int main(int argc, char** argv) {
  const int failures = Catch::Session().run(argc, argv);
  return dateline::test::exit_code(failures);
}

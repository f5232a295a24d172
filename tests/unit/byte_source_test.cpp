#include "byte_source.h"

#include <dateline/errors.h>

#include "test_support.h"
#include "text_utils.h"

using namespace dateline;
using namespace dateline::common;

namespace {
std::string read_everything(const std::string& path) {
  auto source = ByteSource::open(path);
  bool truncated = false;
  return read_all(*source, 1 << 30, truncated);
}
}  // namespace

TEST_CASE("Plain files are read as they are", "[byte_source]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "hello\nworld\n");
  auto source = ByteSource::open(dir / "a.txt");
  CHECK_FALSE(source->compressed());
  CHECK(source->peek(5) == "hello");
  bool truncated = false;
  CHECK(read_all(*source, 100, truncated) == "hello\nworld\n");
  CHECK(source->raw_bytes_read() == 12);
}

TEST_CASE("zstd data is recognised by its magic number, whatever the file name", "[byte_source]") {
  test::TempDir dir;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + "\n";
  test::write_file(dir / "archive.jsonl", test::zstd_compress(text));
  auto source = ByteSource::open(dir / "archive.jsonl");
  CHECK(source->compressed());
  CHECK(source->peek(6) == "line 0");
  bool truncated = false;
  CHECK(read_all(*source, 1 << 30, truncated) == text);
  CHECK(source->raw_bytes_read() < text.size());
}

TEST_CASE("A truncated zstd file is an input error, not silent data loss", "[byte_source]") {
  test::TempDir dir;
  std::string text(200000, 'x');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
  const std::string compressed = test::zstd_compress(text);
  test::write_file(dir / "cut.zst", compressed.substr(0, compressed.size() / 2));
  CHECK_THROWS_AS(read_everything(dir / "cut.zst"), InputError);
  CHECK_THROWS_WITH(read_everything(dir / "cut.zst"), Catch::Contains("truncated zstd"));
}

TEST_CASE("A missing file is an input error naming it", "[byte_source]") {
  CHECK_THROWS_WITH(ByteSource::open("/no/such/file.txt"), Catch::Contains("/no/such/file.txt"));
}

TEST_CASE("LineReader counts lines and skips oversized ones to their end", "[byte_source]") {
  test::TempDir dir;
  test::write_file(dir / "lines.txt", "short\r\n" + std::string(300000, 'y') + "\nafter\nlast-without-newline");
  auto source = ByteSource::open(dir / "lines.txt");
  LineReader lines(*source, 1000);
  std::string line;
  REQUIRE(lines.next(line));
  CHECK(line == "short");
  REQUIRE(lines.next(line));
  CHECK(lines.last_line_oversized());
  CHECK(line.empty());
  CHECK(lines.line_number() == 2);
  REQUIRE(lines.next(line));
  CHECK(line == "after");
  CHECK_FALSE(lines.last_line_oversized());
  REQUIRE(lines.next(line));
  CHECK(line == "last-without-newline");
  CHECK(lines.line_number() == 4);
  CHECK_FALSE(lines.next(line));
}

TEST_CASE("LineReader ends lines at LF, CRLF and a lone CR, across chunk borders", "[byte_source]") {
  const std::string filler(65535, 'x');  // puts a CR on the last byte of the first 64 KiB chunk
  auto source = ByteSource::from_memory(filler + "\r\nmac\rline\r\rend", "memory");
  LineReader lines(*source, 1 << 20);
  std::vector<std::string> read;
  std::string line;
  while (lines.next(line)) read.push_back(line);
  CHECK(read == std::vector<std::string>{filler, "mac", "line", "", "end"});
}

TEST_CASE("gzip data, one member or many, is recognised by its magic number", "[byte_source]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + "\n";
  auto one = ByteSource::from_memory(test::gzip_compress(text), "one.gz");
  CHECK(one->compressed());
  bool truncated = false;
  CHECK(read_all(*one, 1 << 30, truncated) == text);
  auto members =
      ByteSource::from_memory(test::gzip_compress("first member\n") + test::gzip_compress("second member\n"), "two.gz");
  CHECK(read_all(*members, 1 << 30, truncated) == "first member\nsecond member\n");
}

TEST_CASE("A truncated gzip file is an input error", "[byte_source]") {
  std::string text(200000, 'x');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
  const std::string compressed = test::gzip_compress(text);
  auto source = ByteSource::from_memory(compressed.substr(0, compressed.size() / 2), "cut.gz");
  bool truncated = false;
  CHECK_THROWS_WITH(read_all(*source, 1 << 30, truncated), Catch::Contains("truncated gzip data"));
}

TEST_CASE("After a corrupt gzip member or zstd frame, reading resumes at the next one", "[byte_source]") {
  std::string noise(5000, 'n');
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919) % 251);
  for (const bool gzip : {true, false}) {
    CAPTURE(gzip);
    const auto compress = [&](const std::string& data) {
      return gzip ? test::gzip_compress(data) : test::zstd_compress(data);
    };
    std::string broken = compress(noise);
    if (gzip) {
      broken[broken.size() / 2] ^= 0x55;  // fails gzip's CRC check
    } else {
      broken[4] |= 0x08;  // a reserved bit of the zstd frame header
    }
    auto source = ByteSource::from_memory(compress("before\n") + broken + compress("after\n"), "damaged");
    std::string read;
    char chunk[100];
    bool failed = false;
    for (;;) {
      try {
        const std::size_t n = source->read(chunk, sizeof chunk);
        if (n == 0) break;
        read.append(chunk, n);
      } catch (const InputError&) {
        failed = true;
        REQUIRE(source->resume_after_corruption());
      }
    }
    CHECK(failed);
    CHECK(read.rfind("before\n", 0) == 0);
    CHECK(ends_with(read, "after\n"));
  }
}

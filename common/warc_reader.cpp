#include "warc_reader.h"

#include <dateline/errors.h>
#include "charset.h"
#include "html_reader.h"
#include "text_utils.h"

#include <optional>
#include <utility>
#include <vector>

namespace dateline::common {
namespace {

constexpr std::size_t kChunkBytes = 1 << 16;
constexpr std::size_t kMaxHeaderBytes = 1 << 16;  // a WARC or HTTP header block
constexpr std::string_view kRecordStart = "WARC/1.";

// The decompressed WARC with enough of it buffered to look ahead over one record.
class RecordStream {
 public:
  explicit RecordStream(ByteSource& source) : source_(source) {}

  // The next `count` bytes (fewer at the end of the input), not consumed.
  std::string_view peek(std::size_t count) {
    while (buffer_.size() - position_ < count && !at_end_) fill();
    return std::string_view(buffer_).substr(position_, count);
  }
  void consume(std::size_t count) {
    count = std::min(count, buffer_.size() - position_);
    position_ += count;
    offset_ += count;
  }
  bool at_end() { return peek(1).empty(); }
  std::uint64_t offset() const { return offset_; }

  // After corrupt compressed data: what was buffered is part of the broken record.
  bool resume_after_corruption() {
    buffer_.clear();
    position_ = 0;
    at_end_ = false;
    return source_.resume_after_corruption();
  }

 private:
  void fill() {
    if (position_ > 0) {
      buffer_.erase(0, position_);
      position_ = 0;
    }
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunkBytes);
    const std::size_t n = source_.read(buffer_.data() + old_size, kChunkBytes);
    buffer_.resize(old_size + n);
    at_end_ = n == 0;
  }

  ByteSource& source_;
  std::string buffer_;
  std::size_t position_ = 0;
  std::uint64_t offset_ = 0;
  bool at_end_ = false;
};

using Fields = std::vector<std::pair<std::string, std::string>>;  // lower-case name, value

// "Name: value" lines (a line starting with white space continues the one before).
Fields parse_fields(const std::vector<std::string_view>& lines) {
  Fields fields;
  for (std::string_view line : lines) {
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
      fields.back().second += " " + std::string(trim(line));
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fields.emplace_back(to_lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return fields;
}

std::string field(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return {};
}

// The end of a header block: its length and that of the blank line after it.
std::optional<std::pair<std::size_t, std::size_t>> header_end(std::string_view data) {
  const std::size_t crlf = data.find("\r\n\r\n");
  const std::size_t lf = data.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::nullopt;
  if (lf < crlf) return std::pair{lf, std::size_t{2}};
  return std::pair{crlf, std::size_t{4}};
}

std::optional<std::uint64_t> parse_length(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

// Transfer-Encoding: chunked, undone. Nothing when the chunks are cut short.
std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  for (;;) {
    const std::size_t line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) return std::nullopt;
    std::size_t size = 0;
    std::size_t digits = 0;
    for (char c : body.substr(0, line_end)) {
      const int value = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (value < 0 || digits++ > 12) break;
      size = size * 16 + static_cast<std::size_t>(value);
    }
    if (digits == 0) return std::nullopt;
    body.remove_prefix(line_end + 2);
    if (size == 0) return out;
    if (body.size() < size) return std::nullopt;
    out.append(body.substr(0, size));
    body.remove_prefix(size);
    if (starts_with(body, "\r\n")) body.remove_prefix(2);
  }
}

// Problems of one record name it: its offset and address.
class RecordSink : public ArticleSink {
 public:
  RecordSink(ArticleSink& sink, std::string prefix) : sink_(sink), prefix_(std::move(prefix)) {}
  void accept(Article&& article) override { sink_.accept(std::move(article)); }
  void reject(const InputProblem& problem) override { sink_.reject(prefixed(problem)); }
  void warn(const InputProblem& problem) override { sink_.warn(prefixed(problem)); }
  void skip(const std::string& kind) override { sink_.skip(kind); }

 private:
  InputProblem prefixed(const InputProblem& problem) const {
    return {problem.file, problem.line, prefix_ + problem.reason};
  }
  ArticleSink& sink_;
  std::string prefix_;
};

// An HTTP response as a WARC "response" record holds it.
struct HttpResponse {
  int status = 0;
  Fields headers;
  std::string_view body;
};

std::optional<HttpResponse> parse_http(std::string_view block) {
  const auto end = header_end(block.substr(0, kMaxHeaderBytes));
  if (!end || !starts_with(block, "HTTP/")) return std::nullopt;
  const std::vector<std::string_view> lines = split_lines(block.substr(0, end->first));
  HttpResponse response;
  const std::vector<std::string> status_line = split_whitespace(lines.front());
  if (status_line.size() < 2) return std::nullopt;
  response.status = std::atoi(status_line[1].c_str());
  response.headers = parse_fields({lines.begin() + 1, lines.end()});
  response.body = block.substr(end->first + end->second);
  return response;
}

// WARC/1.0's grammar wrapped the URI in angle brackets, and wget still writes them.
std::string target_uri(const Fields& fields) {
  std::string uri = field(fields, "warc-target-uri");
  if (starts_with(uri, "<") && ends_with(uri, ">")) uri = uri.substr(1, uri.size() - 2);
  return uri;
}

bool is_html(std::string_view content_type) {
  const std::string type = to_lower(trim(content_type.substr(0, content_type.find(';'))));
  return type == "text/html" || type == "application/xhtml+xml";
}

class WarcParser {
 public:
  WarcParser(ByteSource& source, const ReadContext& context, ArticleSink& sink)
      : stream_(source), context_(context), sink_(sink) {}

  void run() {
    bool after_corruption = false;
    for (;;) {
      try {
        if (after_corruption) skip_to_record_start();
        after_corruption = false;
        if (!next_record()) return;
      } catch (const InputError& e) {
        // Offsets after this point count from where the compressed data could be read again.
        reject(record_start_, std::string(e.what()) + "; reading goes on at the next record");
        if (!stream_.resume_after_corruption()) return;
        after_corruption = true;
      }
    }
  }

 private:
  void reject(std::uint64_t offset, const std::string& reason) {
    sink_.reject({context_.display_name, 0, "record at byte " + std::to_string(offset) + ": " + reason});
  }

  // Reads, checks and hands on one record; false at the end of the input.
  bool next_record() {
    while (starts_with(stream_.peek(2), "\r\n") || starts_with(stream_.peek(1), "\n")) {
      stream_.consume(stream_.peek(1) == "\n" ? 1 : 2);
    }
    if (stream_.at_end()) return false;
    record_start_ = stream_.offset();
    const std::string_view head = stream_.peek(kMaxHeaderBytes);
    const auto end = header_end(head);
    if (!starts_with(head, kRecordStart) || !end) {
      reject(record_start_, "no WARC record header here; skipped to the next record");
      stream_.consume(1);
      skip_to_record_start();
      return true;
    }
    const std::vector<std::string_view> lines = split_lines(head.substr(0, end->first));
    const Fields fields = parse_fields({lines.begin() + 1, lines.end()});
    const std::size_t header_bytes = end->first + end->second;
    const auto length = parse_length(field(fields, "content-length"));
    if (!length) {
      reject(record_start_, "the WARC header has no valid Content-Length; skipped to the next record");
      stream_.consume(header_bytes);
      skip_to_record_start();
      return true;
    }
    stream_.consume(header_bytes);
    if (*length > context_.max_article_bytes) {
      pass_over_large_record(fields, *length);
    } else {
      read_record(fields, static_cast<std::size_t>(*length));
    }
    return true;
  }

  void read_record(const Fields& fields, std::size_t length) {
    const std::string_view data = stream_.peek(length + 4);
    const std::string_view trailer = data.substr(std::min(length, data.size()));
    // A record ends with a blank line; the file's last one may lack it.
    const bool at_end = data.size() < length + 4;
    const bool complete =
        data.size() >= length && (trailer == "\r\n\r\n" || (at_end && (trailer.empty() || trailer == "\r\n")));
    if (!complete) {
      reject(record_start_, "truncated or corrupt record (" + describe(fields) + ", Content-Length " +
                                std::to_string(length) + "): skipped to the next record");
      skip_to_record_start();
      return;
    }
    const std::string block(data.substr(0, length));
    stream_.consume(length + trailer.size());
    handle(fields, block);
  }

  // A record over the article limit is not read whole: skipped, or rejected if it is a page.
  void pass_over_large_record(const Fields& fields, std::uint64_t length) {
    const auto http = parse_http(stream_.peek(kMaxHeaderBytes));
    if (to_lower(field(fields, "warc-type")) == "response" && http && http->status == 200 &&
        is_html(field(http->headers, "content-type"))) {
      reject(record_start_, describe(fields) + " is " + std::to_string(length) +
                                " bytes, over the article limit (--max-article-bytes)");
    } else {
      sink_.skip(kind_of(fields, http));
    }
    for (std::uint64_t left = length; left > 0;) {
      const std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(left, kChunkBytes));
      const std::size_t got = stream_.peek(step).size();
      if (got == 0) break;
      stream_.consume(got);
      left -= got;
    }
    skip_to_record_start();
  }

  static std::string describe(const Fields& fields) {
    const std::string uri = target_uri(fields);
    const std::string type = field(fields, "warc-type");
    return (type.empty() ? "record" : type) + (uri.empty() ? "" : " " + uri);
  }

  static std::string kind_of(const Fields& fields, const std::optional<HttpResponse>& http) {
    const std::string type = to_lower(field(fields, "warc-type"));
    if (type != "response") return type.empty() ? "untyped" : type;
    if (!http) return "non-HTTP response";
    if (http->status != 200) return "non-200 response";
    return "non-HTML response";
  }

  void handle(const Fields& fields, const std::string& block) {
    const std::string type = to_lower(field(fields, "warc-type"));
    const auto http = type == "response" ? parse_http(block) : std::nullopt;
    if (!http || http->status != 200 || !is_html(field(http->headers, "content-type"))) {
      sink_.skip(kind_of(fields, http));
      return;
    }
    const std::string uri = target_uri(fields);
    RecordSink sink(sink_, "record at byte " + std::to_string(record_start_) + " (" + uri + "): ");
    const auto payload = http_payload(*http, sink);
    if (!payload) return;
    Article article;
    article.id = uri;
    article.url = uri;
    article.source_file = context_.source_file;
    read_html_page(*payload, charset_from_content_type(field(http->headers, "content-type")),
                   {context_.display_name, 0, ""}, article, sink);
    if (!article.published) article.published = parse_publication_date(field(fields, "warc-date"));
    deliver(std::move(article), context_, sink);
  }

  // The page's bytes, with chunked transfer and gzip encoding undone.
  static std::optional<std::string> http_payload(const HttpResponse& http, ArticleSink& sink) {
    std::string payload(http.body);
    if (to_lower(field(http.headers, "transfer-encoding")).find("chunked") != std::string::npos) {
      auto dechunked = dechunk(payload);
      if (!dechunked) {
        sink.reject({"", 0, "the chunked HTTP payload is cut short"});
        return std::nullopt;
      }
      payload = std::move(*dechunked);
    }
    const std::string encoding = to_lower(field(http.headers, "content-encoding"));
    if (encoding.empty() || encoding == "identity") return payload;
    if (encoding != "gzip" && encoding != "x-gzip") {
      sink.reject({"", 0, "unsupported HTTP Content-Encoding '" + encoding + "'"});
      return std::nullopt;
    }
    try {
      auto source = ByteSource::from_memory(std::move(payload), "payload");
      bool truncated = false;
      return read_all(*source, kMaxDecodedPayloadBytes, truncated);
    } catch (const InputError& e) {
      sink.reject({"", 0, std::string("the gzip-encoded HTTP payload: ") + e.what()});
      return std::nullopt;
    }
  }

  // On to the next line that starts a record ("WARC/1.0"), after a broken one
  // (each caller has moved past the start of the broken record).
  void skip_to_record_start() {
    for (;;) {
      const std::string_view data = stream_.peek(kChunkBytes);
      if (data.empty()) return;
      if (starts_with(data, kRecordStart)) return;
      const std::size_t found = data.find(std::string("\n") + std::string(kRecordStart));
      if (found != std::string_view::npos) {
        stream_.consume(found + 1);
        return;
      }
      if (data.size() <= kRecordStart.size()) {
        stream_.consume(data.size());
        return;
      }
      stream_.consume(data.size() - kRecordStart.size());
    }
  }

  static constexpr std::size_t kMaxDecodedPayloadBytes = 64u << 20;

  RecordStream stream_;
  const ReadContext& context_;
  ArticleSink& sink_;
  std::uint64_t record_start_ = 0;
};

}  // namespace

void WarcReader::read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const {
  WarcParser(source, context, sink).run();
}

}  // namespace dateline::common

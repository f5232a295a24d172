#include "test_support.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

extern char** environ;

namespace dateline::test {
namespace fs = std::filesystem;
namespace {

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) environment.emplace_back(*entry);
  for (const std::string& assignment : extra) {
    const std::string name = assignment.substr(0, assignment.find('=') + 1);
    environment.erase(std::remove_if(environment.begin(), environment.end(),
                                     [&](const std::string& e) { return e.rfind(name, 0) == 0; }),
                      environment.end());
    if (assignment.size() > name.size()) environment.push_back(assignment);
  }
  return environment;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/dateline-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << content;
  if (!file) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

RunResult run(const std::vector<std::string>& argv, const std::string& input,
              const std::vector<std::string>& environment, const std::string& directory) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  std::vector<std::string> arguments = argv;
  std::vector<std::string> variables = merged_environment(environment);
  std::vector<char*> c_arguments = c_strings(arguments);
  std::vector<char*> c_variables = c_strings(variables);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    if (!directory.empty() && chdir(directory.c_str()) != 0) _exit(126);
    execve(c_arguments[0], c_arguments.data(), c_variables.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  RunResult result;
  std::size_t written = 0;
  int input_fd = in_pipe[1];
  if (input.empty()) {
    close(input_fd);
    input_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (input_fd >= 0) fds.push_back({input_fd, POLLOUT, 0});
    if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) break;
    for (const pollfd& fd : fds) {
      if (fd.revents == 0) continue;
      if (fd.fd == input_fd) {
        const ssize_t n = write(input_fd, input.data() + written, std::min<std::size_t>(input.size() - written, 65536));
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) {
          close(input_fd);
          input_fd = -1;
        }
        continue;
      }
      const ssize_t n = read(fd.fd, buffer, sizeof buffer);
      if (n <= 0) {
        (fd.fd == out_pipe[0] ? out_open : err_open) = false;
      } else {
        (fd.fd == out_pipe[0] ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  if (input_fd >= 0) close(input_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = decode_status(status);
  return result;
}

RunResult run_in_terminal(const std::vector<std::string>& argv, const std::vector<std::string>& environment) {
  std::vector<std::string> arguments = argv;
  std::vector<std::string> variables = merged_environment(environment);
  std::vector<char*> c_arguments = c_strings(arguments);
  std::vector<char*> c_variables = c_strings(variables);
  int terminal = -1;
  const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) {
    execve(c_arguments[0], c_arguments.data(), c_variables.data());
    _exit(127);
  }
  RunResult result;
  char buffer[65536];
  for (;;) {
    const ssize_t n = read(terminal, buffer, sizeof buffer);
    if (n > 0) {
      result.out.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO once the program has exited and closed the terminal
    }
  }
  close(terminal);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = decode_status(status);
  return result;
}

Process::Process(const std::vector<std::string>& argv, const std::string& output_path) {
  std::vector<std::string> arguments = argv;
  std::vector<char*> c_arguments = c_strings(arguments);
  pid_ = fork();
  if (pid_ == 0) {
    const int out = open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    execv(c_arguments[0], c_arguments.data());
    _exit(127);
  }
}

Process::~Process() {
  if (!waited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    wait();
  }
}

void Process::kill(int signal) { ::kill(pid_, signal); }

bool Process::running() const {
  if (waited_) return false;
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
}

int Process::wait() {
  if (!waited_) {
    waitpid(pid_, &status_, 0);
    waited_ = true;
  }
  return decode_status(status_);
}

std::string index_binary() { return DATELINE_INDEX_BINARY; }
std::string search_binary() { return DATELINE_SEARCH_BINARY; }
std::string source_dir() { return DATELINE_SOURCE_DIR; }
std::string corpus_dir() { return source_dir() + "/corpus"; }

std::string shared_corpus_dir() {
  const std::string path = fs::weakly_canonical(fs::path(source_dir()) / ".." / "shared" / "corpus").string();
  return fs::is_directory(path) ? path : std::string();
}

bool have_shared_corpus() { return !shared_corpus_dir().empty(); }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

nlohmann::json parse_json(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    FAIL("not JSON (" << e.what() << "): " << text.substr(0, 2000));
  }
  return {};
}

namespace {

std::string news_article(const std::string& id, const std::string& title, const std::string& body,
                         const std::string& date, const std::string& source) {
  return nlohmann::json{{"id", id}, {"title", title}, {"body", body}, {"date", date}, {"source", source}}.dump() + "\n";
}

}  // namespace

std::vector<std::string> result_ids(const nlohmann::json& response) {
  std::vector<std::string> ids;
  for (const nlohmann::json& hit : response["results"]) ids.push_back(hit["id"]);
  return ids;
}

std::string peru_quake(int n) {
  switch (n) {
    case 1:
      return news_article(
          "quake-1", "Earthquake kills twelve in southern Peru",
          "A strong earthquake struck the Andean highlands of Peru near Arequipa on Monday, killing at least twelve "
          "people and cutting the railway to Puno, the civil defence office said. Rescue teams reached the villages "
          "of the Colca valley, where adobe houses collapsed, and the government sent tents and water.",
          "2016-03-07", "Andes Wire");
    case 2:
      return news_article(
          "quake-2", "Peru earthquake toll rises to thirty",
          "The death toll from the Arequipa earthquake in the Andean highlands of Peru rose to thirty, the civil "
          "defence office said, as rescue teams dug through collapsed adobe houses in the Colca valley and the "
          "railway to Puno stayed cut.",
          "2016-03-07", "Andes Wire");
    default:
      return news_article(
          "quake-3", "Thirty dead in Colca valley quake",
          "Thirty people died when an earthquake shook the Colca valley near Arequipa in Peru, according to the "
          "civil defence office; adobe houses collapsed and the Puno railway was cut, while rescue teams searched "
          "the villages.",
          "2016-03-07", "Lima Daily");
  }
}

std::string peru_copper(const std::string& date) {
  return news_article("copper", "Peru copper exports rise",
                      "Peru's copper exports rose in March as the Cerro Verde mine near Arequipa raised output, the "
                      "mining ministry said, and the central bank expects metal prices to hold through the year.",
                      date, "Andes Wire");
}

std::string generated_articles(int first, int count, const std::string& prefix) {
  static const char* const kPlaces[] = {"Geneva", "Lisbon", "Nairobi", "Oslo", "Santiago", "Manila", "Dublin", "Cairo"};
  static const char* const kWords[] = {"harbour", "council", "budget", "railway", "election",  "drought", "festival",
                                       "tariff",  "vaccine", "museum", "strike",  "satellite", "orchard", "glacier"};
  std::string lines;
  for (int n = first; n < first + count; ++n) {
    const std::string place = kPlaces[n % 8];
    const std::string word = kWords[n % 14];
    std::string body;
    for (int sentence = 0; sentence < 8; ++sentence) {
      body += "Officials in " + place + " discussed the " + word + " plan number " + std::to_string(n) + " on day " +
              std::to_string(sentence) + ", and " + kWords[(n + sentence) % 14] + " experts agreed. ";
    }
    nlohmann::json article = {
        {"id", prefix + "-" + std::to_string(n)},
        {"title", "Report " + std::to_string(n) + " on the " + word + " in " + place},
        {"date", "2020-" + std::string(n % 12 < 9 ? "0" : "") + std::to_string(n % 12 + 1) + "-15"},
        {"source", "Generated Wire"},
        {"body", body}};
    lines += article.dump() + "\n";
  }
  return lines;
}

nlohmann::json index(const std::string& database, const std::vector<std::string>& arguments, int expected_exit) {
  std::vector<std::string> argv = {index_binary(), "--db", database, "--json"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  const RunResult result = run(argv);
  INFO("dateline-index stderr: " << result.err);
  REQUIRE(result.exit_code == expected_exit);
  return parse_json(result.out);
}

nlohmann::json search(const std::string& database, const std::vector<std::string>& arguments, int expected_exit) {
  std::vector<std::string> argv = {search_binary(), "--db", database, "--json"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  const RunResult result = run(argv);
  INFO("dateline-search stderr: " << result.err);
  REQUIRE(result.exit_code == expected_exit);
  return parse_json(result.out);
}

std::string zstd_compress(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(size)) throw std::runtime_error(std::string("zstd compression failed: ") + ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

std::string gzip_compress(const std::string& data) {
  z_stream stream{};
  deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

namespace {
int started_test_cases = 0;
int skipped_test_cases = 0;
}  // namespace

void skip(const std::string& reason) {
  WARN("skipped: " << reason);
  std::cout << "skipped: " << reason << std::endl;
  ++skipped_test_cases;
}

void count_started_test_case() { ++started_test_cases; }

int exit_code(int failures) {
  if (failures == 0 && started_test_cases > 0 && skipped_test_cases == started_test_cases) return kSkipReturnCode;
  return failures;
}

}  // namespace dateline::test

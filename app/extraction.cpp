// extract_documents: the calling thread reads documents (and cuts record streams into records),
// worker threads extract them, and the calling thread merges the results in input order, so the
// graph does not depend on the number of threads.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "pipeline.hpp"
#include "record_stream.hpp"
#include "trialgraph/document_buffer.hpp"

namespace trialgraph {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// A whole document, or one record of a stream.
struct Task {
  std::size_t document = 0;
  const LoadedPlugin* plugin = nullptr;
  std::string path, source;  // the file, and the name recorded in `sources`
  SharedBytes bytes;         // released once extracted
  std::size_t size = 0;      // bytes read, for progress
  std::string where;         // the record's place ("line 7"); empty for a whole document
  std::string failure;       // it failed before extraction (cannot read, no plugin, too large)
  bool record = false;       // one record of a stream
  bool skipped = false;      // not a trial document
  bool work = true;          // false: only marks the end of a document (an empty stream)
  bool last = true;          // the document's last task
};

struct TaskResult {
  ExtractStatus status;
  DocumentBuffer buffer;
};

struct Batch {
  std::vector<Task> tasks;
  std::vector<TaskResult> results;
  std::size_t bytes = 0;
  bool done = false;  // guarded by the pool's mutex

  // Frees what the tasks and results hold, keeping the arrays for the next batch.
  void empty() {
    tasks.clear();
    results.clear();
    bytes = 0;
    done = false;
  }
};

// What a worker needs of a task, its own: a plugin call left running must not touch the batch.
struct Job {
  const LoadedPlugin* plugin = nullptr;
  std::string path, source;
  SharedBytes bytes;
  bool work = false;
};

Job take_job(Task& task) {
  bool work = task.work && !task.skipped && task.failure.empty();
  return {task.plugin, task.path, task.source, std::move(task.bytes), work};
}

TaskResult run_job(const Job& job, const ExtractLimits& limits) {
  TaskResult r;
  if (!job.work) return r;
  auto budget = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits.time_budget_seconds));
  r.buffer = DocumentBuffer(limits.max_entities, Clock::now() + budget);
  r.status = job.plugin->extractor->extract(Document{job.path, job.source, job.bytes.view, job.bytes.readable_after}, r.buffer);
  if (r.status.ok && !r.buffer.limit_error().empty()) r.status = ExtractStatus::failure(r.buffer.limit_error());
  if (r.status.ok) r.buffer.finish();
  return r;
}

// Threads that extract batches. A plugin call that overruns its time budget by far is abandoned:
// its thread is left to it, its task fails, and a fresh thread takes its place.
class Workers {
 public:
  Workers(unsigned count, ExtractLimits limits) : shared_(std::make_shared<Shared>()), limits_(limits) {
    for (unsigned i = 0; i < count; ++i) start_worker();
  }

  ~Workers() {
    {
      std::lock_guard<std::mutex> lock(shared_->mutex);
      shared_->stopping = true;
    }
    shared_->work.notify_all();
    for (auto& w : workers_)
      if (w.thread.joinable()) w.thread.join();
  }

  void submit(Batch* batch) {
    batch->results.resize(batch->tasks.size());
    {
      std::lock_guard<std::mutex> lock(shared_->mutex);
      shared_->queue.push_back(batch);
    }
    shared_->work.notify_one();
  }

  bool is_done(const Batch* batch) {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    return batch->done;
  }

  void wait(Batch* batch) {
    std::unique_lock<std::mutex> lock(shared_->mutex);
    while (!batch->done) {
      shared_->finished.wait_for(lock, std::chrono::milliseconds(200));
      if (!batch->done) abandon_overdue(batch, lock);
    }
  }

  /// Hands a merged batch to the workers to free: freeing what they allocated is their work.
  void discard(std::unique_ptr<Batch> batch) {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->trash.push_back(std::move(batch));
  }

  /// An empty batch: one the workers emptied, whose arrays are already in memory (a fresh one's
  /// are not, and on some machines first touching memory costs more than filling it), or a new one.
  std::unique_ptr<Batch> empty_batch() {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->emptied.empty()) return std::make_unique<Batch>();
    std::unique_ptr<Batch> batch = std::move(shared_->emptied.back());
    shared_->emptied.pop_back();
    return batch;
  }

  bool abandoned_any() const { return abandoned_; }

 private:
  struct State {  // one worker's, guarded by the mutex
    Batch* batch = nullptr;
    std::size_t task = 0;
    Clock::time_point started;
    bool abandoned = false;
  };
  struct Shared {
    std::mutex mutex;
    std::condition_variable work, finished;
    std::deque<Batch*> queue;
    std::vector<std::unique_ptr<Batch>> trash;    // merged, to be emptied
    std::vector<std::unique_ptr<Batch>> emptied;  // to be filled again: never more than were ever in flight
    bool stopping = false;
  };
  struct Worker {
    std::shared_ptr<State> state;
    std::thread thread;
  };

  void start_worker() {
    auto state = std::make_shared<State>();
    workers_.push_back({state, std::thread([shared = shared_, state, limits = limits_] { run(*shared, *state, limits); })});
  }

  static void run(Shared& shared, State& self, const ExtractLimits& limits) {
    std::unique_lock<std::mutex> lock(shared.mutex);
    for (;;) {
      shared.work.wait(lock, [&] { return shared.stopping || !shared.queue.empty(); });
      if (!shared.trash.empty()) {
        std::vector<std::unique_ptr<Batch>> freeing;
        freeing.swap(shared.trash);
        lock.unlock();
        for (auto& batch : freeing) batch->empty();
        lock.lock();
        for (auto& batch : freeing) shared.emptied.push_back(std::move(batch));
      }
      if (shared.queue.empty()) {
        if (shared.stopping) return;
        continue;
      }
      Batch* batch = shared.queue.front();
      shared.queue.pop_front();
      self.batch = batch;
      for (std::size_t i = 0; i < batch->tasks.size(); ++i) {
        self.task = i;
        self.started = Clock::now();
        Job job = take_job(batch->tasks[i]);
        lock.unlock();
        TaskResult result = run_job(job, limits);
        lock.lock();
        if (self.abandoned) return;  // the batch was taken over; it is not ours to touch
        batch->results[i] = std::move(result);
      }
      self.batch = nullptr;
      batch->done = true;
      shared.finished.notify_all();
    }
  }

  // A worker stuck on a task of `batch` well past the budget loses it: the task fails and the
  // calling thread extracts the rest of the batch itself.
  void abandon_overdue(Batch* batch, std::unique_lock<std::mutex>& lock) {
    auto grace = std::chrono::duration<double>(limits_.time_budget_seconds * 1.5 + 1);
    for (auto& w : workers_) {
      State& s = *w.state;
      if (s.batch != batch || s.abandoned || Clock::now() - s.started < grace) continue;
      s.abandoned = abandoned_ = true;
      w.thread.detach();
      std::size_t stuck = s.task;
      batch->results[stuck].status = ExtractStatus::failure(
          "no result within its time budget (--time-budget); the plugin call was abandoned");
      lock.unlock();
      for (std::size_t i = stuck + 1; i < batch->tasks.size(); ++i)
        batch->results[i] = run_job(take_job(batch->tasks[i]), limits_);
      lock.lock();
      batch->done = true;
      lock.unlock();
      start_worker();
      lock.lock();
      return;
    }
  }

  std::shared_ptr<Shared> shared_;
  ExtractLimits limits_;
  std::vector<Worker> workers_;
  bool abandoned_ = false;
};

// A file whose name promises a format a plugin reads (".json") but that holds binary bytes is a
// broken document; other files no plugin claims (a README, a manifest) are simply not documents.
bool broken_by_its_name(const PluginRegistry& plugins, const fs::path& path, std::string_view head) {
  bool utf16 = head.size() >= 2 && ((unsigned char)head[0] == 0xFF || (unsigned char)head[0] == 0xFE);
  if (utf16 || head.find('\0') == std::string_view::npos) return false;
  std::string extension = path.extension().string();
  for (const auto& plugin : plugins.plugins())
    for (const std::string& declared : plugin->manifest.extensions)
      if (declared == extension) return true;
  return false;
}

// Turns the merged results, in order, into document outcomes and the graph.
class Merger {
 public:
  Merger(Graph& graph, const ExtractCallbacks& callbacks, std::size_t documents)
      : graph_(graph), callbacks_(callbacks), documents_(documents) {}

  void take(const Task& task, TaskResult& result) {
    if (!open_) start(task);
    DocumentOutcome& o = outcome_;
    o.bytes += task.size;
    progress_.bytes += task.size;
    if (task.skipped) {
      o.status = DocumentOutcome::Status::skipped;
    } else if (!task.failure.empty() || !result.status.ok) {
      std::string why = !task.failure.empty() ? task.failure
                        : result.status.error.empty() ? std::string("extraction failed") : result.status.error;
      if (task.record) {
        ++records_, ++failed_records_;
        last_error_ = why;
        o.problems.push_back(task.where + ": " + why);
      } else {
        o.status = DocumentOutcome::Status::failed;
        o.problems.push_back(why);
      }
    } else if (task.work) {
      records_ += task.record;
      merge(task, result.buffer);
    }
    if (task.record) ++progress_.records;
    if (task.last) finish(task);
  }

  RunReport& report() { return report_; }
  ExtractProgress& progress() { return progress_; }
  bool stop() const { return stop_; }

 private:
  void start(const Task& task) {
    outcome_ = DocumentOutcome();
    outcome_.path = task.path;
    outcome_.plugin = task.plugin ? task.plugin->manifest.name : "";
    records_ = failed_records_ = 0;
    open_ = true;
  }

  void merge(const Task& task, DocumentBuffer& buffer) {
    graph_.merge_document(buffer.entities(), buffer.relations(), task.source, buffer.entity_hashes(),
                          buffer.relation_ends());
    graph_.trim_fresh_edges();
    outcome_.entities += buffer.entities().size();
    outcome_.relations += buffer.relations().size();
    for (const std::string& p : buffer.problems())
      outcome_.problems.push_back(task.record ? task.where + ": " + p : p);
  }

  void finish(const Task& task) {
    open_ = false;
    DocumentOutcome& o = outcome_;
    if (o.status == DocumentOutcome::Status::ok) {
      if (records_ > 0 && failed_records_ == records_) {
        o.status = DocumentOutcome::Status::failed;
        o.problems = {"none of the " + std::to_string(records_) + " records could be read: " + last_error_};
      } else if (!o.problems.empty()) {
        o.status = DocumentOutcome::Status::partial;
      }
    }
    if (o.status == DocumentOutcome::Status::skipped) {
      report_.skipped.push_back(o.path);
    } else {
      ++report_.documents;
      report_.bytes += o.bytes;
      if (o.status != DocumentOutcome::Status::ok) ++report_.failed;
      bool document_failed = o.status == DocumentOutcome::Status::failed;
      for (const std::string& why : o.problems) {
        Problem p{o.path, o.plugin, why, document_failed};
        if (callbacks_.on_problem) callbacks_.on_problem(p);
        report_.problems.push_back(std::move(p));
      }
    }
    ++progress_.documents;
    if (!task.record) ++progress_.records;
    if (callbacks_.on_document) callbacks_.on_document(o);
    if (callbacks_.stop_at_first_failure && report_.failed) {
      stop_ = true;
      report_.stopped_early = task.document + 1 < documents_;
    }
  }

  Graph& graph_;
  const ExtractCallbacks& callbacks_;
  std::size_t documents_;
  RunReport report_;
  ExtractProgress progress_;
  DocumentOutcome outcome_;
  bool open_ = false, stop_ = false;
  std::size_t records_ = 0, failed_records_ = 0;
  std::string last_error_;
};

// A batch is big enough that handing it over costs little, small enough to keep every thread busy.
constexpr std::size_t kBatchTasks = 256, kBatchBytes = 2 << 20;
// Registry records give a node per 1.9 KB of input (100,000 studies) to 3.9 KB (600,000: sites
// and drugs recur). The graph reserves room for the most nodes the input may bring (room never
// used is address space, never touched) and indexes the fewest (an index's slots are touched).
constexpr std::uintmax_t kFewestInputBytesPerNode = 1024, kMostInputBytesPerNode = 4096;
constexpr std::uintmax_t kMostNodesReserved = std::uintmax_t(1) << 27;

// Reads documents into tasks, batches them for the workers and merges finished batches in order.
class Run {
 public:
  Run(const std::vector<InputDocument>& documents, const PluginRegistry& plugins, Graph& graph,
      const ExtractCallbacks& callbacks, const ExtractOptions& options)
      : documents_(documents), plugins_(plugins), callbacks_(callbacks), limits_(options.limits),
        jobs_(options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency())),
        workers_(jobs_, options.limits), merger_(graph, callbacks, documents.size()) {
    for (const InputDocument& d : documents) {
      std::error_code ec;
      std::uintmax_t size = fs::file_size(d.path, ec);
      if (!ec) merger_.progress().total_bytes += size;
    }
    const std::uintmax_t bytes = merger_.progress().total_bytes;
    graph.reserve_nodes(graph.node_count() + std::size_t(std::min(bytes / kFewestInputBytesPerNode, kMostNodesReserved)),
                        graph.node_count() + std::size_t(std::min(bytes / kMostInputBytesPerNode, kMostNodesReserved)));
  }

  RunReport run() {
    batch_ = workers_.empty_batch();
    for (std::size_t i = 0; i < documents_.size() && !merger_.stop(); ++i) read_document(i);
    dispatch();
    while (!in_flight_.empty()) merge_oldest();
    RunReport report = std::move(merger_.report());
    report.abandoned_calls = workers_.abandoned_any();
    return report;
  }

 private:
  void read_document(std::size_t index) {
    const fs::path& path = documents_[index].path;
    Task task;
    task.document = index;
    task.path = path.string();
    task.source = path.filename().string();
    std::string head, error;
    if (!read_file(path, kHeadBytes, head, error)) return add(fail(std::move(task), error));
    if (head.empty()) return add(fail(std::move(task), "empty file"));
    Detection found = plugins_.detect(task.source, head);
    task.plugin = found.plugin.get();
    if (!found.plugin) {
      if (!documents_[index].named && !broken_by_its_name(plugins_, path, head)) {
        task.skipped = true;
        return add(std::move(task));
      }
      return add(fail(std::move(task), "no plugin reads this kind of document (see 'trialgraph plugins')"));
    }
    RecordStream::Shape shape;
    if (found.plugin->manifest.json_records && RecordStream::detect(path, head, limits_.max_document_bytes, shape))
      return read_records(std::move(task), shape);
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > limits_.max_document_bytes)
      return add(fail(std::move(task), "larger than the size limit (" +
                                           std::to_string(limits_.max_document_bytes >> 20) +
                                           " MiB, --max-document-size)"));
    if (head.size() == kHeadBytes && !read_file(path, limits_.max_document_bytes, head, error))
      return add(fail(std::move(task), error));
    task.size = head.size();
    task.bytes = SharedBytes::own(std::move(head));
    add(std::move(task));
  }

  void read_records(Task document, RecordStream::Shape shape) {
    RecordStream stream;
    std::string error;
    if (!stream.open(document.path, shape, limits_.max_document_bytes, error))
      return add(fail(std::move(document), error));
    document.record = true;
    document.last = false;
    SharedBytes bytes;
    std::string where;
    std::size_t offset = 0;
    while (!merger_.stop() && stream.next(bytes, where, error)) {
      Task task = document;
      task.where = where;
      task.size = stream.offset() - offset;
      offset = stream.offset();
      if (!error.empty()) task.failure = error;
      else task.bytes = std::move(bytes);
      add(std::move(task));
    }
    Task end = document;
    end.work = false;
    end.last = true;
    end.size = stream.offset() - offset;
    if (!stream.read_error().empty()) {
      end.where = "byte " + std::to_string(stream.offset());
      end.failure = stream.read_error();
    }
    add(std::move(end));
  }

  static Task fail(Task task, std::string why) {
    task.failure = std::move(why);
    return task;
  }

  void add(Task task) {
    if (batch_->tasks.empty()) batch_->tasks.reserve(kBatchTasks);
    batch_->bytes += task.bytes.view.size();
    batch_->tasks.push_back(std::move(task));
    if (batch_->tasks.size() >= kBatchTasks || batch_->bytes >= kBatchBytes) dispatch();
  }

  void dispatch() {
    if (batch_->tasks.empty()) return;
    workers_.submit(batch_.get());
    in_flight_.push_back(std::move(batch_));
    batch_ = workers_.empty_batch();
    // Merge what is ready; past a few batches per worker, wait, so memory stays bounded.
    while (!in_flight_.empty() && (in_flight_.size() > 4 * jobs_ || workers_.is_done(in_flight_.front().get())))
      merge_oldest();
  }

  void merge_oldest() {
    std::unique_ptr<Batch> batch = std::move(in_flight_.front());
    in_flight_.pop_front();
    workers_.wait(batch.get());
    if (merger_.stop()) return;  // --fail-fast: what comes after the failure is not merged
    for (std::size_t i = 0; i < batch->tasks.size() && !merger_.stop(); ++i)
      merger_.take(batch->tasks[i], batch->results[i]);
    workers_.discard(std::move(batch));
    if (callbacks_.on_progress) callbacks_.on_progress(merger_.progress());
  }

  const std::vector<InputDocument>& documents_;
  const PluginRegistry& plugins_;
  const ExtractCallbacks& callbacks_;
  ExtractLimits limits_;
  unsigned jobs_;
  Workers workers_;
  Merger merger_;
  std::unique_ptr<Batch> batch_;
  std::deque<std::unique_ptr<Batch>> in_flight_;
};

}  // namespace

RunReport extract_documents(const std::vector<InputDocument>& documents, const PluginRegistry& plugins,
                            Graph& graph, const ExtractCallbacks& callbacks, const ExtractOptions& options) {
  RunReport report = Run(documents, plugins, graph, callbacks, options).run();
  // The legacy XML names MeSH terms without their ids: such a disease is the coded one of that name.
  graph.merge_named_into_coded(label::kDisease, "mesh_id", options.jobs);
  return report;
}

}  // namespace trialgraph

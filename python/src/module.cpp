// The native part of `import rehab` (rehab._rehab): the engine, the profile generator and the build's
// data folders. Every call that does real work releases the GIL, so Python threads run in parallel.
// The Python API around it (rehab.Engine, rehab.InvalidInput) is python/rehab/__init__.py.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "io/suite/profile_generator.hpp"
#include "py_engine.hpp"
#include "rehab/version.hpp"

namespace py = pybind11;
using rehab::python::PyEngine;

namespace {

// Profiles from the `rehab generate` generator, one compact JSON text each (the same lines).
class PyGenerator {
public:
    explicit PyGenerator(std::uint64_t seed) : g_(options(seed)) {}
    std::vector<std::string> take(std::size_t n) {
        std::vector<std::string> out;
        out.reserve(n);
        for (std::size_t i = 0; i < n; ++i) out.push_back(g_.next().dump());
        return out;
    }

private:
    static rehab::io::GeneratorOptions options(std::uint64_t seed) {
        rehab::io::GeneratorOptions o;
        o.seed = seed;
        return o;
    }
    rehab::io::ProfileGenerator g_;
};

void check_format(const std::string& format) {
    if (!rehab::python::valid_format(format))
        throw py::value_error("unknown format '" + format + "': expected json, line, summary, text or html");
}

}  // namespace

PYBIND11_MODULE(_rehab, m) {
    m.doc() = "rehab's engine (use the rehab package, not this module)";
    m.attr("library_version") = rehab::library_version;
    m.attr("source_data_dir") = REHAB_DEFAULT_DATA_DIR;
    m.attr("installed_data_dir") = REHAB_INSTALLED_DATA_DIR;

    py::class_<PyEngine, std::shared_ptr<PyEngine>>(m, "NativeEngine")
        .def_static("load", &PyEngine::load, py::arg("knowledge"), py::arg("rules"),
                    py::call_guard<py::gil_scoped_release>())
        .def(
            "recommend",
            [](const PyEngine& e, const std::string& profile, const std::string& format,
               const std::string& source) {
                check_format(format);
                py::gil_scoped_release release;
                return e.recommend(profile, format, source);
            },
            py::arg("profile"), py::arg("format"), py::arg("source"))
        .def("explain", &PyEngine::explain, py::arg("profile"), py::arg("exercise"), py::arg("source"),
             py::call_guard<py::gil_scoped_release>())
        .def(
            "recommend_many",
            [](const PyEngine& e, const std::vector<std::string>& profiles, const std::string& format,
               unsigned threads) {
                check_format(format);
                py::gil_scoped_release release;
                return e.recommend_many(profiles, format, threads);
            },
            py::arg("profiles"), py::arg("format"), py::arg("threads"))
        .def(
            "batch",  // (output bytes, counts JSON): bytes, exactly what `rehab batch` writes
            [](const PyEngine& e, const std::string& text, std::size_t first_line, const std::string& format,
               const std::string& source, unsigned threads) {
                std::pair<std::string, std::string> r;
                {
                    py::gil_scoped_release release;
                    r = e.batch(text, first_line, format, source, threads);
                }
                return py::make_tuple(py::bytes(r.first), r.second);
            },
            py::arg("text"), py::arg("first_line"), py::arg("format"), py::arg("source"), py::arg("threads"))
        .def("versions", &PyEngine::versions);

    py::class_<PyGenerator>(m, "NativeGenerator")
        .def(py::init<std::uint64_t>(), py::arg("seed"))
        .def("take", &PyGenerator::take, py::arg("n"), py::call_guard<py::gil_scoped_release>());
}

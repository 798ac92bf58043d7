"""The build of `pip install ./python`: build_ext configures and builds the project's CMake target
rehab_python (Release, without tests, benchmarks or the CLI) and takes its _rehab module; build_py
adds the bundled knowledge and rules as rehab/data, as `cmake --install --component python` does.
REHAB_CMAKE_BUILD_DIR=DIR builds in an existing CMake build folder instead (incremental)."""
import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent  # the project: CMakeLists.txt, knowledge/, rules/


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(rehab VERSION ([0-9.]+)", text).group(1)


class CMakeBuildExt(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("REHAB_CMAKE_BUILD_DIR")
        if build_dir:
            build = pathlib.Path(build_dir).resolve()
        else:
            build = ROOT / "build" / f"pip-py{sys.version_info.major}{sys.version_info.minor}"
        if not (build / "CMakeCache.txt").exists():
            build.mkdir(parents=True, exist_ok=True)
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                            f"-DPython_EXECUTABLE={sys.executable}", "-DREHAB_BUILD_PYTHON=ON",
                            "-DREHAB_BUILD_TESTS=OFF", "-DREHAB_BUILD_BENCHMARKS=OFF", "-DREHAB_BUILD_APP=OFF",
                            *(["-G", "Ninja"] if shutil.which("ninja") else [])], check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build), "--target", "rehab_python", "-j", jobs], check=True)
        built = sorted((build / "python" / "rehab").glob("_rehab*.so"))
        if not built:
            raise RuntimeError(f"the CMake build in {build} made no python/rehab/_rehab*.so")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[-1], target)


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        data = pathlib.Path(self.build_lib) / "rehab" / "data"
        for folder in ("knowledge", "rules"):
            shutil.rmtree(data / folder, ignore_errors=True)
            shutil.copytree(ROOT / folder, data / folder)


# setuptools' own build and egg-info folders go under build/ (ignored by git), not into python/.
PIP_WORK = ROOT / "build" / "pip-setuptools"
PIP_WORK.mkdir(parents=True, exist_ok=True)

setup(version=project_version(),
      options={"build": {"build_base": str(PIP_WORK / "build")}, "egg_info": {"egg_base": str(PIP_WORK)}},
      ext_modules=[Extension("rehab._rehab", sources=[])],
      cmdclass={"build_ext": CMakeBuildExt, "build_py": BuildPyWithData})

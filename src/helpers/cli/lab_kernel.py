"""Command line (started by JupyterLab under ``make lab``): the IPython kernel, telling JupyterLab
its language as the committed notebooks record it.

JupyterLab copies the kernel's ``language_info`` into a notebook when the kernel starts, and marks
the notebook modified if it differs. The committed notebooks leave out the interpreter's version
(``helpers.cli.notebook_files.METADATA``: every run gives the same files on any machine), so this
kernel leaves it out too, and opening a notebook no longer marks it modified. Everything else is
the standard IPython kernel. ``tools/lab/kernels/python3/kernel.json`` starts it.
"""

from __future__ import annotations

from ipykernel.ipkernel import IPythonKernel
from ipykernel.kernelapp import IPKernelApp


class Kernel(IPythonKernel):
    """The IPython kernel without the interpreter's version in its ``language_info``."""

    language_info = {key: value for key, value in IPythonKernel.language_info.items() if key != "version"}


if __name__ == "__main__":  # pragma: no cover - started by JupyterLab
    IPKernelApp.launch_instance(kernel_class=Kernel)

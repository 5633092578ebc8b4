using System.Runtime.CompilerServices;

// The kernel tests build Core's coins-cache state tables through internal test hooks.
[assembly: InternalsVisibleTo("Bitcoin.Kernel.Tests")]

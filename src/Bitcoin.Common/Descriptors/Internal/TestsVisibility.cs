using System.Runtime.CompilerServices;

// The miniscript engine and the descriptor internals are checked directly against Core's unit-test vectors.
[assembly: InternalsVisibleTo("Bitcoin.Common.Tests")]

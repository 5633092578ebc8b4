using System.Runtime.CompilerServices;

// The P2P unit tests exercise internal pieces (transport framing, headers sync, request tracking) directly.
[assembly: InternalsVisibleTo("Bitcoin.Node.Tests")]

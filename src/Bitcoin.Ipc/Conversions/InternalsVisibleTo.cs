using System.Runtime.CompilerServices;

// The converters are internal; their tests check every conversion round-trips.
[assembly: InternalsVisibleTo("Bitcoin.Ipc.Tests")]

using System.Runtime.CompilerServices;

// The unit tests check the rate limiter's per-location accounting directly, as Core's logging_tests do.
[assembly: InternalsVisibleTo("Bitcoin.Common.Tests")]

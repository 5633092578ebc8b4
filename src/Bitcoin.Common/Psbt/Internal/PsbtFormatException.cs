namespace Bitcoin.Common.Psbt.Internal;

/// <summary>
/// A PSBT that cannot be decoded. The message is Core's, as its stream failures print it (libstdc++ appends
/// ": iostream error" to every std::ios_base::failure), so "TX decode failed ..." reads as Core's does.
/// </summary>
internal sealed class PsbtFormatException(string message) : Exception(message + ": iostream error");

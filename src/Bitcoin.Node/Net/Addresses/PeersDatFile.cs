using System.Security.Cryptography;
using Bitcoin.Common.Logging;
using Bitcoin.Kernel.Serialization;

namespace Bitcoin.Node.Net.Addresses;

/// <summary>
/// peers.dat (Core's addrdb): the network magic, the address manager's body and a double SHA-256 of both. Written to a
/// temporary "peers.xxxx" file, synced and renamed over the old one.
/// </summary>
public static class PeersDatFile
{
    /// <summary>The file name in the network data directory.</summary>
    public const string FileName = "peers.dat";

    /// <summary>Writes <paramref name="addrman"/> to <paramref name="path"/>; false (logged) on failure.</summary>
    public static bool Write(string path, AddrMan addrman, ReadOnlySpan<byte> magic)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(addrman);
        var writer = new ByteWriter(64 * 1024);
        writer.WriteBytes(magic);
        addrman.Serialize(writer);
        var hash = SHA256.HashData(SHA256.HashData(writer.WrittenSpan));
        writer.WriteBytes(hash);
        var directory = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(directory, $"peers.{Random.Shared.Next(0x10000):x4}");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(writer.WrittenSpan);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Error($"Failed to write {path}: {e.Message}");
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary file is left behind; the next write uses another name.
            }

            return false;
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/> into the empty <paramref name="addrman"/>. Throws
    /// <see cref="FileNotFoundException"/> when missing, <see cref="AddrManVersionException"/> for a newer format and
    /// <see cref="SerializationException"/> for corrupt contents ("Invalid network magic number", "Checksum mismatch,
    /// data corrupted", ...).
    /// </summary>
    public static void Read(string path, AddrMan addrman, ReadOnlySpan<byte> magic)
    {
        ArgumentNullException.ThrowIfNull(addrman);
        if (!File.Exists(path))
            throw new FileNotFoundException("peers.dat not found", path);
        var data = File.ReadAllBytes(path);
        var reader = new SpanReader(data);
        if (!reader.ReadBytes(4).SequenceEqual(magic))
            throw new SerializationException("Invalid network magic number");
        addrman.Deserialize(ref reader);
        int bodyLength = reader.Position;
        var expected = reader.ReadBytes(32);
        var actual = SHA256.HashData(SHA256.HashData(data.AsSpan(0, bodyLength)));
        if (!expected.SequenceEqual(actual))
            throw new SerializationException("Checksum mismatch, data corrupted");
    }
}

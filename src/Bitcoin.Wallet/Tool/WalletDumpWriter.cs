using System.Security.Cryptography;
using System.Text;

namespace Bitcoin.Wallet.Tool;

/// <summary>
/// Writes a wallet dump file (<see cref="WalletDumpFile"/>): the header lines when made, one line per
/// <see cref="WriteRecord"/>, the checksum line on <see cref="Finish"/>. Disposing does not close the stream.
/// </summary>
public sealed class WalletDumpWriter : IDisposable
{
    private readonly Stream _output;
    // The checksum covers the bytes of every line before the checksum line (Core's HashWriter over the lines).
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _finished;

    /// <summary>Starts a dump of a database in <paramref name="format"/> ("sqlite") on <paramref name="output"/>.</summary>
    public WalletDumpWriter(Stream output, string format)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(format);
        _output = output;
        WriteLine($"{WalletDumpFile.Magic},{WalletDumpFile.Version}\n");
        WriteLine($"{WalletDumpFile.FormatKey},{format}\n");
    }

    /// <summary>Writes one record as a <c>hex(key),hex(value)</c> line.</summary>
    public void WriteRecord(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        WriteLine($"{Convert.ToHexStringLower(key)},{Convert.ToHexStringLower(value)}\n");
    }

    /// <summary>Writes the checksum line and flushes; nothing may be written after it. Returns the checksum.</summary>
    public byte[] Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        _finished = true;
        var checksum = SHA256.HashData(_hash.GetHashAndReset());
        var line = Encoding.ASCII.GetBytes($"{WalletDumpFile.ChecksumKey},{Convert.ToHexStringLower(checksum)}\n");
        _output.Write(line);
        _output.Flush();
        return checksum;
    }

    private void WriteLine(string line)
    {
        // Every character written is ASCII (hex digits, the fixed keys and the format name).
        var bytes = Encoding.ASCII.GetBytes(line);
        _hash.AppendData(bytes);
        _output.Write(bytes);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _finished = true;
        _hash.Dispose();
    }
}

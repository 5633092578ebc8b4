using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bitcoin.Wallet.Tool;

/// <summary>
/// Reads a wallet dump file (<see cref="WalletDumpFile"/>) the way Core's createfromdump does, with its messages:
/// <see cref="ReadHeader"/> first, then <see cref="ReadRecord"/> until it returns <see cref="WalletDumpReadResult.End"/>,
/// then <see cref="VerifyChecksum"/>. Fields are split as Core's <c>std::getline</c> splits them (a key runs to the
/// next comma, a value to the end of the line), lines with an empty key or value are skipped but still checksummed,
/// and anything after the checksum line is ignored. Disposing does not close the stream.
/// </summary>
public sealed class WalletDumpReader : IDisposable
{
    // Bytes map one-to-one onto characters, so a line is checksummed exactly as it was read.
    private static readonly Encoding Bytes = Encoding.Latin1;

    private readonly Stream _input;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly MemoryStream _field = new();
    private bool _endOfFile;
    private bool _failed;
    private byte[]? _checksum;

    /// <summary>Reads a dump from <paramref name="input"/>.</summary>
    public WalletDumpReader(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input is BufferedStream or MemoryStream ? input : new BufferedStream(input, 64 * 1024);
    }

    /// <summary>The database format the header names ("" before <see cref="ReadHeader"/>).</summary>
    public string Format { get; private set; } = "";

    /// <summary>
    /// Reads the identifier line (<c>BITCOIN_CORE_WALLET_DUMP,1</c>) and the format line; false with Core's message for
    /// a wrong identifier, an unparsable or unsupported version, or a missing format line.
    /// </summary>
    public bool ReadHeader(out string error)
    {
        var magic = ReadField((byte)',');
        var version = ReadField((byte)'\n');
        if (magic != WalletDumpFile.Magic)
        {
            error = $"Error: Dumpfile identifier record is incorrect. Got \"{magic}\", expected \"{WalletDumpFile.Magic}\".";
            return false;
        }

        // Core's ToIntegral<uint32_t>: decimal digits only, no sign or spaces, in range.
        if (!uint.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = $"Error: Unable to parse version {version} as a uint32_t";
            return false;
        }

        if (number != WalletDumpFile.Version)
        {
            error = "Error: Dumpfile version is not supported. This version of bitcoin-wallet only supports version 1 dumpfiles. " +
                    $"Got dumpfile with version {version}";
            return false;
        }

        Checksum($"{magic},{version}\n");
        var formatKey = ReadField((byte)',');
        var format = ReadField((byte)'\n');
        if (formatKey != WalletDumpFile.FormatKey)
        {
            error = $"Error: Dumpfile format record is incorrect. Got \"{formatKey}\", expected \"{WalletDumpFile.FormatKey}\".";
            return false;
        }

        Checksum($"{formatKey},{format}\n");
        Format = format;
        error = "";
        return true;
    }

    /// <summary>
    /// The next record: <see cref="WalletDumpReadResult.Record"/> with its key and value,
    /// <see cref="WalletDumpReadResult.End"/> at the checksum line or the end of the file, or
    /// <see cref="WalletDumpReadResult.Failed"/> with Core's message for a key or value that is not hex or a checksum
    /// that is not 32 bytes.
    /// </summary>
    public WalletDumpReadResult ReadRecord(out byte[] key, out byte[] value, out string error)
    {
        key = [];
        value = [];
        error = "";
        while (!_endOfFile && !_failed)
        {
            var keyText = ReadField((byte)',');
            var valueText = ReadField((byte)'\n');
            if (keyText == WalletDumpFile.ChecksumKey)
            {
                var parsed = ParseHexAllowingSpaces(valueText);
                if (parsed is not { Length: 32 })
                {
                    error = "Error: Checksum is not the correct size";
                    return WalletDumpReadResult.Failed;
                }

                _checksum = parsed;
                return WalletDumpReadResult.End;
            }

            Checksum($"{keyText},{valueText}\n");
            if (keyText.Length == 0 || valueText.Length == 0)
                continue;
            if (!IsHex(keyText))
            {
                error = $"Error: Got key that was not hex: {keyText}";
                return WalletDumpReadResult.Failed;
            }

            if (!IsHex(valueText))
            {
                error = $"Error: Got value that was not hex: {valueText}";
                return WalletDumpReadResult.Failed;
            }

            key = Convert.FromHexString(keyText);
            value = Convert.FromHexString(valueText);
            return WalletDumpReadResult.Record;
        }

        return WalletDumpReadResult.End;
    }

    /// <summary>
    /// After <see cref="WalletDumpReadResult.End"/>: true if the checksum line matches what was read; otherwise false
    /// with "Error: Missing checksum" (none, or all zeros, as Core treats a null hash) or "Error: Dumpfile checksum does
    /// not match. Computed x, expected y".
    /// </summary>
    public bool VerifyChecksum(out string error)
    {
        var computed = SHA256.HashData(_hash.GetCurrentHash());
        if (_checksum is null || _checksum.All(b => b == 0))
        {
            error = "Error: Missing checksum";
            return false;
        }

        if (!computed.AsSpan().SequenceEqual(_checksum))
        {
            error = $"Error: Dumpfile checksum does not match. Computed {Convert.ToHexStringLower(computed)}, expected {Convert.ToHexStringLower(_checksum)}";
            return false;
        }

        error = "";
        return true;
    }

    private void Checksum(string line) => _hash.AppendData(Bytes.GetBytes(line));

    // std::getline: read up to and including the delimiter (not returned) or the end of the file. A read that finds
    // nothing at all fails, and once the end of the file or a failure is reached every later read returns "".
    private string ReadField(byte delimiter)
    {
        if (_endOfFile || _failed)
        {
            _failed = true;
            return "";
        }

        _field.SetLength(0);
        bool extracted = false;
        while (true)
        {
            int b = _input.ReadByte();
            if (b < 0)
            {
                _endOfFile = true;
                _failed |= !extracted;
                break;
            }

            extracted = true;
            if (b == delimiter)
                break;
            _field.WriteByte((byte)b);
        }

        return Bytes.GetString(_field.GetBuffer(), 0, (int)_field.Length);
    }

    // Core's IsHex: a non-empty, even number of hex digits.
    private static bool IsHex(string text) => text.Length % 2 == 0 && text.Length > 0 && text.All(char.IsAsciiHexDigit);

    // Core's ParseHex: pairs of hex digits, with white space allowed between pairs; null if anything else is found.
    private static byte[]? ParseHexAllowingSpaces(string text)
    {
        var result = new List<byte>(text.Length / 2);
        for (int i = 0; i < text.Length;)
        {
            if (text[i] is ' ' or '\f' or '\n' or '\r' or '\t' or '\v')
            {
                i++;
                continue;
            }

            if (i + 1 >= text.Length || !char.IsAsciiHexDigit(text[i]) || !char.IsAsciiHexDigit(text[i + 1]))
                return null;
            result.Add(Convert.ToByte(text.Substring(i, 2), 16));
            i += 2;
        }

        return [.. result];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _hash.Dispose();
        _field.Dispose();
    }
}

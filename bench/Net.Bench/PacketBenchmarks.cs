using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Bitcoin.Node.Net.Protocol;
using Bitcoin.Node.Net.Transport;

namespace Net.Bench;

/// <summary>
/// Cost of putting one message on the wire: v1 framing (24-byte header with a double-SHA256 checksum, the baseline)
/// against BIP324 packets (encrypted length, ChaCha20-Poly1305 contents) sealed and opened, for a ping-sized, an
/// inv-sized and a block-sized payload.
/// </summary>
[MemoryDiagnoser]
public class PacketBenchmarks
{
    private static readonly byte[] Magic = [0xfa, 0xbf, 0xb5, 0xda];
    private byte[] _payload = [];
    private byte[] _contents = [];
    private byte[] _packet = [];
    private byte[] _decrypted = [];
    private Bip324Cipher _sender = null!;
    private Bip324Cipher _receiver = null!;

    /// <summary>Payload size in bytes.</summary>
    [Params(8, 1_000, 1_000_000)]
    public int Size { get; set; }

    /// <summary>Two ciphers of one session (each side's send keys are the other's receive keys).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _payload = RandomNumberGenerator.GetBytes(Size);
        _contents = [18, .. _payload];   // a short message id, then the payload
        _packet = new byte[_contents.Length + Bip324Cipher.Expansion];
        _decrypted = new byte[_contents.Length];
        _sender = Bip324Cipher.CreateRandom();
        _receiver = Bip324Cipher.CreateRandom();
        var senderKey = _sender.OurPubKey.ToArray();
        _sender.Initialize(_receiver.OurPubKey, initiator: true, Magic);
        _receiver.Initialize(senderKey, initiator: false, Magic);
    }

    /// <summary>Disposes the ciphers.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    /// <summary>v1: the header (checksum over the payload); the payload itself goes out as it is.</summary>
    [Benchmark(Baseline = true)]
    public byte[] V1Frame() => MessageHeader.Create(Magic, "ping", _payload);

    /// <summary>v2 send: length and contents encrypted, tag computed.</summary>
    [Benchmark]
    public byte[] V2Seal()
    {
        _sender.Encrypt(_contents, [], ignore: false, _packet);
        return _packet;
    }

    /// <summary>v2 send and receive: the packet sealed, then its length decrypted and its contents authenticated and decrypted.</summary>
    [Benchmark]
    public bool V2SealAndOpen()
    {
        _sender.Encrypt(_contents, [], ignore: false, _packet);
        _receiver.DecryptLength(_packet.AsSpan(0, Bip324Cipher.LengthSize));
        return _receiver.Decrypt(_packet.AsSpan(Bip324Cipher.LengthSize), [], out _, _decrypted);
    }
}

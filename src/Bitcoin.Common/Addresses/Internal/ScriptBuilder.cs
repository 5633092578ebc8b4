using NBitcoin;

namespace Bitcoin.Common.Addresses.Internal;

/// <summary>
/// Builds script bytes the way Core's <c>CScript &lt;&lt;</c> operators do: numbers use OP_0/OP_1NEGATE/OP_1..OP_16 or a
/// minimal CScriptNum push, byte vectors are always pushed as data (a one-byte vector {0x05} stays a push, it does not
/// become OP_5), with the smallest push opcode for the length.
/// </summary>
internal sealed class ScriptBuilder
{
    private readonly List<byte> _bytes = [];

    public ScriptBuilder Op(byte opcode)
    {
        _bytes.Add(opcode);
        return this;
    }

    public ScriptBuilder Number(long value)
    {
        if (value == -1 || (value >= 1 && value <= 16))
        {
            _bytes.Add((byte)(value + (ScriptOpcodes.OP_1 - 1)));
        }
        else if (value == 0)
        {
            _bytes.Add(ScriptOpcodes.OP_0);
        }
        else
        {
            Push(ScriptNum.Serialize(value));
        }
        return this;
    }

    public ScriptBuilder Push(ReadOnlySpan<byte> data)
    {
        if (data.Length < ScriptOpcodes.OP_PUSHDATA1)
        {
            _bytes.Add((byte)data.Length);
        }
        else if (data.Length <= 0xff)
        {
            _bytes.Add(ScriptOpcodes.OP_PUSHDATA1);
            _bytes.Add((byte)data.Length);
        }
        else if (data.Length <= 0xffff)
        {
            _bytes.Add(ScriptOpcodes.OP_PUSHDATA2);
            _bytes.Add((byte)data.Length);
            _bytes.Add((byte)(data.Length >> 8));
        }
        else
        {
            _bytes.Add(ScriptOpcodes.OP_PUSHDATA4);
            _bytes.Add((byte)data.Length);
            _bytes.Add((byte)(data.Length >> 8));
            _bytes.Add((byte)(data.Length >> 16));
            _bytes.Add((byte)(data.Length >> 24));
        }
        _bytes.AddRange(data);
        return this;
    }

    /// <summary>Appends raw script bytes (another script's serialization), not a push.</summary>
    public ScriptBuilder Raw(ReadOnlySpan<byte> script)
    {
        _bytes.AddRange(script);
        return this;
    }

    public int Length => _bytes.Count;

    public byte[] ToBytes() => [.. _bytes];

    public Script ToScript() => Script.FromBytesUnsafe(ToBytes());
}

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bitcoin.Common.Json.Internal;

/// <summary>
/// Parses UTF-8 JSON accepting exactly what UniValue::read accepts: one value of any kind at top level (scalars
/// included) surrounded only by space, tab, CR or LF; strict number syntax (no leading zeros, no bare '.', no '+');
/// strings validated as UTF-8 with surrogate pairs collated; at most 512 nested containers.
/// Numbers keep their exact text. A repeated object key keeps its first value (UniValue's find_value sees the first)
/// and is remembered so named-parameter handling can report it.
/// </summary>
internal ref struct UniValueReader
{
    private const int MaxDepth = 512;
    private static readonly ConditionalWeakTable<JsonObject, List<string>> s_duplicateKeys = new();

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    // Numbers are turned into nodes together at the end: one System.Text.Json parse for all of them keeps each
    // number's exact text without a document per number.
    private readonly List<(JsonNode? Container, int Index, string? Key, string Text)> _numbers;

    private UniValueReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
        _numbers = new List<(JsonNode?, int, string?, string)>();
    }

    public static bool TryRead(ReadOnlySpan<byte> utf8, out JsonNode? value)
    {
        var reader = new UniValueReader(utf8);
        value = null;
        if (!reader.TryValue(0, out var v, out string? number)) return false;
        reader.SkipWhitespace();
        if (reader._pos != reader._data.Length) return false;
        if (number is not null)
        {
            value = JsonNumbers.FromValidText(number);
            return true;
        }
        reader.MaterializeNumbers();
        value = v;
        return true;
    }

    private void MaterializeNumbers()
    {
        if (_numbers.Count == 0) return;
        var text = new StringBuilder(_numbers.Count * 8);
        text.Append('[');
        for (int i = 0; i < _numbers.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(_numbers[i].Text);
        }
        text.Append(']');
        JsonElement all;
        using (var doc = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = 2 }))
            all = doc.RootElement.Clone();
        int n = 0;
        foreach (var element in all.EnumerateArray())
        {
            var (container, index, key, _) = _numbers[n++];
            var node = JsonValue.Create(element);
            if (container is JsonArray array) array[index] = node;
            else ((JsonObject)container!)[key!] = node;
        }
    }

    /// <summary>Keys that appeared more than once in <paramref name="obj"/> when it was parsed, in order.</summary>
    public static IReadOnlyList<string> DuplicateKeys(JsonObject obj)
        => s_duplicateKeys.TryGetValue(obj, out var list) ? list : Array.Empty<string>();

    private static bool IsSpace(byte b) => b is 0x20 or 0x09 or 0x0a or 0x0d;

    private void SkipWhitespace()
    {
        while (_pos < _data.Length && IsSpace(_data[_pos])) _pos++;
    }

    private bool TryValue(int depth, out JsonNode? value, out string? number)
    {
        value = null;
        number = null;
        SkipWhitespace();
        if (_pos >= _data.Length) return false;
        byte b = _data[_pos];
        switch (b)
        {
            case (byte)'{': return TryObject(depth + 1, out value);
            case (byte)'[': return TryArray(depth + 1, out value);
            case (byte)'"':
                if (!TryString(out var s)) return false;
                value = JsonValue.Create(s);
                return true;
            case (byte)'n':
                return TryKeyword("null"u8);
            case (byte)'t':
                if (!TryKeyword("true"u8)) return false;
                value = JsonValue.Create(true);
                return true;
            case (byte)'f':
                if (!TryKeyword("false"u8)) return false;
                value = JsonValue.Create(false);
                return true;
            default:
                if (b == (byte)'-' || (b >= (byte)'0' && b <= (byte)'9'))
                    return TryNumber(out number);
                return false;
        }
    }

    private bool TryKeyword(ReadOnlySpan<byte> keyword)
    {
        if (!_data[_pos..].StartsWith(keyword)) return false;
        _pos += keyword.Length;
        return true;
    }

    private bool TryObject(int depth, out JsonNode? value)
    {
        value = null;
        if (depth > MaxDepth) return false;
        _pos++; // '{'
        var obj = new JsonObject();
        SkipWhitespace();
        if (_pos < _data.Length && _data[_pos] == (byte)'}')
        {
            _pos++;
            value = obj;
            return true;
        }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _data.Length || _data[_pos] != (byte)'"') return false;
            if (!TryString(out var key)) return false;
            SkipWhitespace();
            if (_pos >= _data.Length || _data[_pos] != (byte)':') return false;
            _pos++;
            if (!TryValue(depth, out var member, out string? number)) return false;
            if (!obj.TryAdd(key, member)) s_duplicateKeys.GetOrCreateValue(obj).Add(key);
            else if (number is not null) _numbers.Add((obj, 0, key, number));
            SkipWhitespace();
            if (_pos >= _data.Length) return false;
            if (_data[_pos] == (byte)',') { _pos++; continue; }
            if (_data[_pos] == (byte)'}') { _pos++; value = obj; return true; }
            return false;
        }
    }

    private bool TryArray(int depth, out JsonNode? value)
    {
        value = null;
        if (depth > MaxDepth) return false;
        _pos++; // '['
        var arr = new JsonArray();
        SkipWhitespace();
        if (_pos < _data.Length && _data[_pos] == (byte)']')
        {
            _pos++;
            value = arr;
            return true;
        }
        while (true)
        {
            if (!TryValue(depth, out var element, out string? number)) return false;
            if (number is not null) _numbers.Add((arr, arr.Count, null, number));
            arr.Add(element);
            SkipWhitespace();
            if (_pos >= _data.Length) return false;
            if (_data[_pos] == (byte)',') { _pos++; continue; }
            if (_data[_pos] == (byte)']') { _pos++; value = arr; return true; }
            return false;
        }
    }

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

    private bool TryNumber(out string text)
    {
        text = "";
        int start = _pos;
        int firstDigit = _data[_pos] == (byte)'-' ? _pos + 1 : _pos;
        if (firstDigit >= _data.Length || !IsDigit(_data[firstDigit])) return false;
        // A leading zero may not be followed by more digits.
        if (_data[firstDigit] == (byte)'0' && firstDigit + 1 < _data.Length && IsDigit(_data[firstDigit + 1])) return false;
        _pos = firstDigit;
        while (_pos < _data.Length && IsDigit(_data[_pos])) _pos++;
        if (_pos < _data.Length && _data[_pos] == (byte)'.')
        {
            _pos++;
            if (_pos >= _data.Length || !IsDigit(_data[_pos])) return false;
            while (_pos < _data.Length && IsDigit(_data[_pos])) _pos++;
        }
        if (_pos < _data.Length && (_data[_pos] == (byte)'e' || _data[_pos] == (byte)'E'))
        {
            _pos++;
            if (_pos < _data.Length && (_data[_pos] == (byte)'-' || _data[_pos] == (byte)'+')) _pos++;
            if (_pos >= _data.Length || !IsDigit(_data[_pos])) return false;
            while (_pos < _data.Length && IsDigit(_data[_pos])) _pos++;
        }
        text = Encoding.ASCII.GetString(_data[start.._pos]);
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private bool TryString(out string value)
    {
        value = "";
        _pos++; // opening quote

        // Most strings are plain printable ASCII without escapes: take them in one piece.
        int end = _pos;
        while (end < _data.Length)
        {
            byte c = _data[end];
            if (c == (byte)'"' || c == (byte)'\\' || c < 0x20 || c >= 0x80) break;
            end++;
        }
        if (end < _data.Length && _data[end] == (byte)'"')
        {
            value = Encoding.ASCII.GetString(_data[_pos..end]);
            _pos = end + 1;
            return true;
        }

        var sb = new StringBuilder();
        var utf8 = new Utf8Collator(sb);
        while (true)
        {
            if (_pos >= _data.Length || _data[_pos] < 0x20) return false;
            byte b = _data[_pos];
            if (b == (byte)'\\')
            {
                _pos++;
                if (_pos >= _data.Length) return false;
                switch (_data[_pos])
                {
                    case (byte)'"': utf8.PushByte((byte)'"'); break;
                    case (byte)'\\': utf8.PushByte((byte)'\\'); break;
                    case (byte)'/': utf8.PushByte((byte)'/'); break;
                    case (byte)'b': utf8.PushByte((byte)'\b'); break;
                    case (byte)'f': utf8.PushByte((byte)'\f'); break;
                    case (byte)'n': utf8.PushByte((byte)'\n'); break;
                    case (byte)'r': utf8.PushByte((byte)'\r'); break;
                    case (byte)'t': utf8.PushByte((byte)'\t'); break;
                    case (byte)'u':
                    {
                        // Four hex digits, and the closing quote must still be ahead.
                        if (_pos + 1 + 4 >= _data.Length) return false;
                        int cp = 0;
                        for (int i = 1; i <= 4; i++)
                        {
                            int h = HexValue(_data[_pos + i]);
                            if (h < 0) return false;
                            cp = cp * 16 + h;
                        }
                        utf8.PushCodePoint(cp);
                        _pos += 4;
                        break;
                    }
                    default:
                        return false;
                }
                _pos++;
            }
            else if (b == (byte)'"')
            {
                _pos++;
                break;
            }
            else
            {
                utf8.PushByte(b);
                _pos++;
            }
        }
        if (!utf8.Finish()) return false;
        value = sb.ToString();
        return true;
    }

    /// <summary>
    /// Validates UTF-8 and joins UTF-16 surrogate halves given as \u escapes (or as encoded surrogates) into one code
    /// point, failing on a broken sequence, an unpaired half or a half in the middle of a multi-byte sequence.
    /// </summary>
    private struct Utf8Collator
    {
        private readonly StringBuilder _sb;
        private bool _valid;
        private int _codePoint;
        private int _state;
        private int _highSurrogate;

        public Utf8Collator(StringBuilder sb)
        {
            _sb = sb;
            _valid = true;
            _codePoint = 0;
            _state = 0;
            _highSurrogate = 0;
        }

        public void PushByte(byte ch)
        {
            if (_state == 0)
            {
                if (ch < 0x80) Append(ch);
                else if (ch < 0xc0) _valid = false;
                else if (ch < 0xe0) { _codePoint = (ch & 0x1f) << 6; _state = 6; }
                else if (ch < 0xf0) { _codePoint = (ch & 0x0f) << 12; _state = 12; }
                else if (ch < 0xf8) { _codePoint = (ch & 0x07) << 18; _state = 18; }
                else _valid = false;
            }
            else
            {
                if ((ch & 0xc0) != 0x80) _valid = false;
                _state -= 6;
                _codePoint |= (ch & 0x3f) << _state;
                if (_state == 0) PushCodePoint(_codePoint);
            }
        }

        public void PushCodePoint(int cp)
        {
            if (_state != 0) _valid = false;
            if (cp >= 0xD800 && cp < 0xDC00)
            {
                if (_highSurrogate != 0) _valid = false;
                else _highSurrogate = cp;
            }
            else if (cp >= 0xDC00 && cp < 0xE000)
            {
                if (_highSurrogate != 0)
                {
                    Append(0x10000 | ((_highSurrogate - 0xD800) << 10) | (cp - 0xDC00));
                    _highSurrogate = 0;
                }
                else _valid = false;
            }
            else
            {
                if (_highSurrogate != 0) _valid = false;
                else Append(cp);
            }
        }

        private void Append(int cp)
        {
            // .NET strings cannot hold code points past U+10FFFF; UniValue would keep their bytes.
            if (cp > 0x10FFFF) { _valid = false; return; }
            if (!_valid) return;
            if (cp < 0x10000)
            {
                _sb.Append((char)cp);
            }
            else
            {
                cp -= 0x10000;
                _sb.Append((char)(0xD800 + (cp >> 10))).Append((char)(0xDC00 + (cp & 0x3FF)));
            }
        }

        public bool Finish()
        {
            if (_state != 0 || _highSurrogate != 0) _valid = false;
            return _valid;
        }
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Parquet.Meta;
using Parquet.Schema;

namespace ContrastiveRec.Data;

/// <summary>
/// A text id column of one row group read straight from the file's bytes: dictionary-encoded (as pandas, pyarrow,
/// Spark and DuckDB write id columns), each distinct text is coded once from its UTF-8 bytes and a row costs the
/// unpacking of its index; plain-encoded, each row is coded from its bytes as the CSV reader codes a field. Parquet.Net
/// would decode every row into UTF-16 text instead (most of a read's time, and its garbage most of the peak). Anything
/// else (other encodings, version 2 data pages, codecs other than none, Snappy, gzip and zstd, nested columns) is left
/// to Parquet.Net: <see cref="TryRead"/> then says no before coding anything.
/// </summary>
internal static class ParquetDictionaryColumn
{
    private static int _chunksRead;

    // No id page a writer makes comes near this; a header that claims more is left to the library rather than allocated.
    private const int MaxPageBytes = 256 << 20;

    /// <summary>Column chunks read from their bytes so far (tests check that the way was taken).</summary>
    internal static int ChunksRead => Volatile.Read(ref _chunksRead);

    /// <summary>Fills <paramref name="codes"/> (the group's <paramref name="n"/> rows) with <paramref name="book"/>'s code of
    /// each row's text; false, with nothing coded, when the column chunk is not one this reader takes.</summary>
    /// <exception cref="MovieLensFormatException">MalformedRow (an empty, null, overlong or non-UTF-8 id, with its row),
    /// UnreadableColumn (pages that contradict the file's metadata).</exception>
    public static bool TryRead(SafeFileHandle file, long fileLength, ColumnChunk? chunk, DataField field, int n, long first, string path,
        KeyBook book, int[] codes)
    {
        var meta = chunk?.MetaData;
        if (meta is null || meta.Type != Parquet.Meta.Type.BYTE_ARRAY || field.MaxRepetitionLevel != 0 || field.MaxDefinitionLevel > 1
            || field.Path.Length != 1 || meta.NumValues != n
            || meta.Codec is not (CompressionCodec.UNCOMPRESSED or CompressionCodec.SNAPPY or CompressionCodec.GZIP or CompressionCodec.ZSTD))
            return false;
        var start = meta.DictionaryPageOffset is { } d0 && d0 > 0 && d0 < meta.DataPageOffset ? d0 : meta.DataPageOffset;
        var length = meta.TotalCompressedSize;
        if (start < 4 || length <= 0 || length > int.MaxValue || start + length > fileLength) return false;
        // Pooled: a chunk's bytes and pages are megabytes per group, and would otherwise wait for a full collection.
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent((int)length);
        var pagesRented = new List<byte[]>();
        try
        {
            return TryRead(file, rented, (int)length, start, meta, field, n, first, path, book, codes, pagesRented);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            foreach (var page in pagesRented) System.Buffers.ArrayPool<byte>.Shared.Return(page);
        }
    }

    private static bool TryRead(SafeFileHandle file, byte[] buffer, int length, long start, ColumnMetaData meta, DataField field, int n,
        long first, string path, KeyBook book, int[] codes, List<byte[]> pagesRented)
    {
        for (var read = 0; read < length;)
        {
            var got = RandomAccess.Read(file, buffer.AsSpan(read, length - read), start + read);
            if (got <= 0) return false;
            read += got;
        }
        var chunkBytes = new ArraySegment<byte>(buffer, 0, length);

        // First the page headers alone: every page must be one this reader decodes before any id is coded.
        var pages = new List<(PageHeader Header, int Offset)>();
        var at = 0;
        long values = 0;
        while (at < chunkBytes.Count && values < n)
        {
            if (!PageHeaders.TryRead(chunkBytes, ref at, out var header) || header.CompressedPageSize < 0 || header.UncompressedPageSize < 0
                || header.CompressedPageSize > chunkBytes.Count - at || header.UncompressedPageSize > MaxPageBytes)
                return false;
            var isDictionary = header.Type == PageType.DICTIONARY_PAGE && pages.Count == 0 && header.DictionaryPageHeader is { } d
                && d.Encoding is Encoding.PLAIN or Encoding.PLAIN_DICTIONARY;
            var dictionarySeen = pages.Count > 0 && pages[0].Header.Type == PageType.DICTIONARY_PAGE;
            var isData = header.Type == PageType.DATA_PAGE && header.DataPageHeader is { } p && p.NumValues >= 0
                && (p.Encoding == Encoding.PLAIN || p.Encoding is Encoding.RLE_DICTIONARY or Encoding.PLAIN_DICTIONARY && dictionarySeen)
                && (field.MaxDefinitionLevel == 0 || p.DefinitionLevelEncoding == Encoding.RLE);
            if (!isDictionary && !isData) return false;
            if (isData) values += header.DataPageHeader!.NumValues;
            pages.Add((header, at));
            at += header.CompressedPageSize;
        }
        if (values != n) return false;

        var dictionary = Array.Empty<(int Start, int Length)>();
        ArraySegment<byte> dictionaryBytes = default;
        var dictionaryCodes = Array.Empty<int>();
        var row = 0;
        var indices = new int[1024];
        foreach (var (header, offset) in pages)
        {
            var page = Decompress(meta.Codec, chunkBytes.AsSpan(offset, header.CompressedPageSize), header.UncompressedPageSize, path, pagesRented);
            if (header.Type == PageType.DICTIONARY_PAGE)
            {
                (dictionaryBytes, dictionary) = (page, Entries(page, header.DictionaryPageHeader!.NumValues, path));
                dictionaryCodes = new int[dictionary.Length];
                Array.Fill(dictionaryCodes, -1); // coded when a row first uses it: an unused entry is no id
                continue;
            }
            var count = header.DataPageHeader!.NumValues;
            var span = page.AsSpan();
            var defined = count;
            if (field.MaxDefinitionLevel == 1)
            {
                if (span.Length < 4) throw Broken(path);
                var levelsLength = BinaryPrimitives.ReadInt32LittleEndian(span);
                if (levelsLength < 0 || levelsLength > span.Length - 4) throw Broken(path);
                if (indices.Length < count) indices = new int[count];
                Hybrid.Decode(span.Slice(4, levelsLength), 1, indices.AsSpan(0, count), path);
                for (var i = 0; i < count; i++)
                    if (indices[i] == 0) throw MovieLensReader.Malformed(path, first + row + i + 1, $"{field.Name} is empty (null): every row needs it.");
                span = span[(4 + levelsLength)..];
            }
            if (header.DataPageHeader.Encoding == Encoding.PLAIN)
            {
                // Each value: a 4-byte little-endian length, then its bytes (a writer's fallback when a dictionary grows
                // too large, or its choice for columns of mostly distinct values).
                var at2 = 0;
                for (var i = 0; i < defined; i++)
                {
                    if (span.Length - at2 < 4) throw Broken(path);
                    var l = BinaryPrimitives.ReadInt32LittleEndian(span[at2..]);
                    at2 += 4;
                    if (l < 0 || l > span.Length - at2) throw Broken(path);
                    codes[row + i] = book.Code(span.Slice(at2, l), path, first + row + i + 1, field.Name);
                    at2 += l;
                }
                row += defined;
                continue;
            }
            if (span.IsEmpty) throw Broken(path);
            var width = span[0];
            if (width > 32) throw Broken(path);
            if (indices.Length < defined) indices = new int[defined];
            Hybrid.Decode(span[1..], width, indices.AsSpan(0, defined), path);
            for (var i = 0; i < defined; i++)
            {
                var k = indices[i];
                if ((uint)k >= (uint)dictionary.Length) throw Broken(path);
                var code = dictionaryCodes[k];
                if (code < 0)
                {
                    var (s, l) = dictionary[k];
                    code = dictionaryCodes[k] = book.Code(dictionaryBytes.AsSpan(s, l), path, first + row + i + 1, field.Name);
                }
                codes[row + i] = code;
            }
            row += defined;
        }
        if (row != n) throw Broken(path);
        Interlocked.Increment(ref _chunksRead);
        return true;
    }

    // PLAIN byte arrays: a 4-byte little-endian length, then the bytes, one after the other.
    private static (int Start, int Length)[] Entries(ArraySegment<byte> page, int count, string path)
    {
        if (count < 0 || count > page.Count / 4 + 1) throw Broken(path);
        var entries = new (int, int)[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            if (page.Count - at < 4) throw Broken(path);
            var length = BinaryPrimitives.ReadInt32LittleEndian(page.AsSpan(at));
            at += 4;
            if (length < 0 || length > page.Count - at) throw Broken(path);
            entries[i] = (at, length);
            at += length;
        }
        return entries;
    }

    private static ArraySegment<byte> Decompress(CompressionCodec codec, ReadOnlySpan<byte> input, int size, string path, List<byte[]> rented)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, size));
        rented.Add(buffer);
        var output = new ArraySegment<byte>(buffer, 0, size);
        try
        {
            var written = codec switch
            {
                CompressionCodec.UNCOMPRESSED when input.Length == size => Copy(input, output),
                CompressionCodec.SNAPPY => Snappier.Snappy.Decompress(input, output),
                CompressionCodec.GZIP => Gunzip(input.ToArray(), output),
                CompressionCodec.ZSTD => new ZstdSharp.Decompressor().Unwrap(input, output),
                _ => -1,
            };
            return written == size ? output : throw Broken(path);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException or ZstdSharp.ZstdException)
        {
            throw Broken(path);
        }
    }

    private static int Copy(ReadOnlySpan<byte> input, Span<byte> output)
    {
        input.CopyTo(output);
        return input.Length;
    }

    private static int Gunzip(byte[] input, Span<byte> output)
    {
        using var gzip = new GZipStream(new MemoryStream(input), CompressionMode.Decompress);
        var read = gzip.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);
        return gzip.ReadByte() < 0 ? read : -1;
    }

    private static MovieLensFormatException Broken(string path) =>
        new(MovieLensErrorKind.UnreadableColumn, path, 0, "A column's pages contradict the file's metadata: the file is damaged.",
            "Write the file again, or export the data as CSV.");

    /// <summary>The RLE / bit-packed hybrid encoding of definition levels and dictionary indices.</summary>
    private static class Hybrid
    {
        public static void Decode(ReadOnlySpan<byte> data, int width, Span<int> output, string path)
        {
            var at = 0;
            var filled = 0;
            var bytesPerValue = (width + 7) / 8;
            while (filled < output.Length)
            {
                var header = ReadVarint(data, ref at, path);
                if ((header & 1) == 0)
                {
                    var run = header >> 1;
                    if (run == 0 || at + bytesPerValue > data.Length) throw Broken(path);
                    var value = 0;
                    for (var b = 0; b < bytesPerValue; b++) value |= data[at + b] << (8 * b);
                    at += bytesPerValue;
                    var take = (int)Math.Min(run, (ulong)(output.Length - filled));
                    output.Slice(filled, take).Fill(value);
                    filled += take;
                }
                else
                {
                    var groups = header >> 1;
                    if (groups == 0 || groups > int.MaxValue / 8) throw Broken(path);
                    var bytes = (long)groups * width;
                    if (bytes > data.Length - at) throw Broken(path);
                    var packed = data.Slice(at, (int)bytes);
                    at += (int)bytes;
                    var count = (int)Math.Min((long)groups * 8, output.Length - filled);
                    var mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
                    for (var i = 0; i < count; i++)
                    {
                        var bit = (long)i * width;
                        var index = (int)(bit >> 3);
                        ulong word = 0;
                        for (var b = 0; b < 5 && index + b < packed.Length; b++) word |= (ulong)packed[index + b] << (8 * b);
                        output[filled + i] = (int)((word >> (int)(bit & 7)) & mask);
                    }
                    filled += count;
                }
            }
        }

        private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at, string path)
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (at >= data.Length) throw Broken(path);
                var b = data[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw Broken(path);
        }
    }

    /// <summary>Page headers in Thrift's compact protocol: the fields this reader uses, every other one skipped.</summary>
    private static class PageHeaders
    {
        public static bool TryRead(ArraySegment<byte> data, ref int at, out PageHeader header)
        {
            var found = header = new PageHeader();
            var reader = new Compact(data, at);
            try
            {
                if (!Read(reader, found)) return false;
            }
            catch (InvalidDataException)
            {
                return false;
            }
            at = reader.Position;
            return true;
        }

        private static bool Read(Compact reader, PageHeader header) =>
            reader.ReadStruct((id, type) =>
                {
                    switch (id, type)
                    {
                        case (1, 5): header.Type = (PageType)reader.ReadI32(); return true;
                        case (2, 5): header.UncompressedPageSize = reader.ReadI32(); return true;
                        case (3, 5): header.CompressedPageSize = reader.ReadI32(); return true;
                        case (5, 12):
                            var page = header.DataPageHeader = new DataPageHeader();
                            return reader.ReadStruct((f, t) => (f, t) switch
                            {
                                (1, 5) => Set(() => page.NumValues = reader.ReadI32()),
                                (2, 5) => Set(() => page.Encoding = (Encoding)reader.ReadI32()),
                                (3, 5) => Set(() => page.DefinitionLevelEncoding = (Encoding)reader.ReadI32()),
                                (4, 5) => Set(() => page.RepetitionLevelEncoding = (Encoding)reader.ReadI32()),
                                _ => reader.Skip(t),
                            });
                        case (7, 12):
                            var dictionary = header.DictionaryPageHeader = new DictionaryPageHeader();
                            return reader.ReadStruct((f, t) => (f, t) switch
                            {
                                (1, 5) => Set(() => dictionary.NumValues = reader.ReadI32()),
                                (2, 5) => Set(() => dictionary.Encoding = (Encoding)reader.ReadI32()),
                                _ => reader.Skip(t),
                            });
                        default: return reader.Skip(type);
                    }
                });

        private static bool Set(Action assign)
        {
            assign();
            return true;
        }
    }

    /// <summary>A bounded reader of Thrift's compact protocol: false on anything malformed, never past the buffer,
    /// nesting at most 16 deep.</summary>
    private sealed class Compact(ArraySegment<byte> data, int position)
    {
        private int _depth;

        public int Position { get; private set; } = position;

        public bool ReadStruct(Func<short, int, bool> field)
        {
            if (++_depth > 16) return false;
            short last = 0;
            while (true)
            {
                if (Position >= data.Count) return false;
                var b = data[Position++];
                if (b == 0) break;
                var type = b & 0x0F;
                var delta = b >> 4;
                short id;
                if (delta != 0) id = (short)(last + delta);
                else if (!TryVarint(out var raw)) return false;
                else id = (short)Zigzag(raw);
                last = id;
                // A boolean's value is its type in a field header (1 true, 2 false); nothing follows it.
                if (type is 1 or 2) continue;
                if (!field(id, type)) return false;
            }
            _depth--;
            return true;
        }

        public int ReadI32() => TryVarint(out var v) ? (int)Zigzag(v) : throw new InvalidDataException();

        public bool Skip(int type)
        {
            switch (type)
            {
                case 1 or 2: return true;
                case 3: return Advance(1);
                case 4 or 5 or 6: return TryVarint(out _);
                case 7: return Advance(8);
                case 8: return TryVarint(out var length) && length <= int.MaxValue && Advance((int)length);
                case 9 or 10:
                {
                    if (Position >= data.Count) return false;
                    var b = data[Position++];
                    long size = b >> 4;
                    if (size == 15 && (!TryVarint(out var big) || big > int.MaxValue || (size = (long)big) < 0)) return false;
                    var element = b & 0x0F;
                    for (long i = 0; i < size; i++)
                        if (!(element is 1 or 2 ? Advance(1) : Skip(element))) return false;
                    return true;
                }
                case 11:
                {
                    if (!TryVarint(out var size) || size > int.MaxValue) return false;
                    if (size == 0) return true;
                    if (Position >= data.Count) return false;
                    var kinds = data[Position++];
                    for (ulong i = 0; i < size; i++)
                        if (!Skip(kinds >> 4) || !Skip(kinds & 0x0F)) return false;
                    return true;
                }
                case 12: return ReadStruct((_, t) => Skip(t));
                default: return false;
            }
        }

        private bool Advance(int count)
        {
            if (count < 0 || count > data.Count - Position) return false;
            Position += count;
            return true;
        }

        private bool TryVarint(out ulong value)
        {
            value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (Position >= data.Count) return false;
                var b = data[Position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return true;
            }
            return false;
        }

        private static long Zigzag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
    }
}

import XCTest

@testable import LFE

/// Every function OTP 25 exports from the library modules tutorials use is there, as a
/// native or in a prelude module. The lists were printed by Erlang/OTP 25's
/// `M:module_info(exports)`.
final class LibraryExportsTests: XCTestCase {
  static let otp25: [String: String] = [
    "lists":
      "all/2 any/2 append/1 append/2 concat/1 delete/2 droplast/1 dropwhile/2 duplicate/2 enumerate/1 enumerate/2 filter/2 filtermap/2 flatlength/1 flatmap/2 flatten/1 flatten/2 foldl/3 foldr/3 foreach/2 join/2 keydelete/3 keyfind/3 keymap/3 keymember/3 keymerge/3 keyreplace/4 keysearch/3 keysort/2 keystore/4 keytake/3 last/1 map/2 mapfoldl/3 mapfoldr/3 max/1 member/2 merge/1 merge/2 merge/3 merge3/3 min/1 nth/2 nthtail/2 partition/2 prefix/2 reverse/1 reverse/2 rkeymerge/3 rmerge/2 rmerge/3 rmerge3/3 rukeymerge/3 rumerge/2 rumerge/3 rumerge3/3 search/2 seq/2 seq/3 sort/1 sort/2 split/2 splitwith/2 sublist/2 sublist/3 subtract/2 suffix/2 sum/1 takewhile/2 ukeymerge/3 ukeysort/2 umerge/1 umerge/2 umerge/3 umerge3/3 uniq/1 uniq/2 unzip/1 unzip3/1 usort/1 usort/2 zf/2 zip/2 zip3/3 zipwith/3 zipwith3/4 ",
    "maps":
      "filter/2 filtermap/2 find/2 fold/3 foreach/2 from_keys/2 from_list/1 get/2 get/3 groups_from_list/2 groups_from_list/3 intersect/2 intersect_with/3 is_key/2 iterator/1 keys/1 map/2 merge/2 merge_with/3 new/0 next/1 put/3 remove/2 size/1 take/2 to_list/1 update/3 update_with/3 update_with/4 values/1 with/2 without/2 ",
    "string":
      "casefold/1 centre/2 centre/3 chars/2 chars/3 chomp/1 chr/2 concat/2 copies/2 cspan/2 equal/2 equal/3 equal/4 find/2 find/3 is_empty/1 join/2 left/2 left/3 len/1 length/1 lexemes/2 list_to_float/1 list_to_integer/1 lowercase/1 next_codepoint/1 next_grapheme/1 nth_lexeme/3 pad/2 pad/3 pad/4 prefix/2 rchr/2 replace/3 replace/4 reverse/1 right/2 right/3 rstr/2 slice/2 slice/3 span/2 split/2 split/3 str/2 strip/1 strip/2 strip/3 sub_string/2 sub_string/3 sub_word/2 sub_word/3 substr/2 substr/3 take/2 take/3 take/4 titlecase/1 to_float/1 to_graphemes/1 to_integer/1 to_lower/1 to_upper/1 tokens/2 trim/1 trim/2 trim/3 uppercase/1 words/1 words/2 ",
    "proplists":
      "append_values/2 compact/1 delete/2 expand/2 from_map/1 get_all_values/2 get_bool/2 get_keys/1 get_value/2 get_value/3 is_defined/2 lookup/2 lookup_all/2 normalize/2 property/1 property/2 split/2 substitute_aliases/2 substitute_negations/2 to_map/1 to_map/2 unfold/1 ",
    "orddict":
      "append/3 append_list/3 erase/2 fetch/2 fetch_keys/1 filter/2 find/2 fold/3 from_list/1 is_empty/1 is_key/2 map/2 merge/3 new/0 size/1 store/3 take/2 to_list/1 update/3 update/4 update_counter/3 ",
    "ordsets":
      "add_element/2 del_element/2 filter/2 fold/3 from_list/1 intersection/1 intersection/2 is_disjoint/2 is_element/2 is_empty/1 is_set/1 is_subset/2 new/0 size/1 subtract/2 to_list/1 union/1 union/2 ",
    "dict":
      "append/3 append_list/3 erase/2 fetch/2 fetch_keys/1 filter/2 find/2 fold/3 from_list/1 is_empty/1 is_key/2 map/2 merge/3 new/0 size/1 store/3 take/2 to_list/1 update/3 update/4 update_counter/3 ",
    "sets":
      "add_element/2 del_element/2 filter/2 fold/3 from_list/1 from_list/2 intersection/1 intersection/2 is_disjoint/2 is_element/2 is_empty/1 is_set/1 is_subset/2 new/0 new/1 size/1 subtract/2 to_list/1 union/1 union/2 ",
    "gb_trees":
      "balance/1 delete/2 delete_any/2 empty/0 enter/3 from_orddict/1 get/2 insert/3 is_defined/2 is_empty/1 iterator/1 iterator_from/2 keys/1 largest/1 lookup/2 map/2 next/1 size/1 smallest/1 take/2 take_any/2 take_largest/1 take_smallest/1 to_list/1 update/3 values/1 ",
    "gb_sets":
      "add/2 add_element/2 balance/1 del_element/2 delete/2 delete_any/2 difference/2 empty/0 filter/2 fold/3 from_list/1 from_ordset/1 insert/2 intersection/1 intersection/2 is_disjoint/2 is_element/2 is_empty/1 is_member/2 is_set/1 is_subset/2 iterator/1 iterator_from/2 largest/1 new/0 next/1 singleton/1 size/1 smallest/1 subtract/2 take_largest/1 take_smallest/1 to_list/1 union/1 union/2 ",
    "queue":
      "all/2 any/2 cons/2 daeh/1 delete/2 delete_r/2 delete_with/2 delete_with_r/2 drop/1 drop_r/1 filter/2 filtermap/2 fold/3 from_list/1 get/1 get_r/1 head/1 in/2 in_r/2 init/1 is_empty/1 is_queue/1 join/2 lait/1 last/1 len/1 liat/1 member/2 new/0 out/1 out_r/1 peek/1 peek_r/1 reverse/1 snoc/2 split/2 tail/1 to_list/1 ",
  ]

  func testEveryOTP25ExportIsDefined() {
    let runtime = Runtime(clock: .virtual)
    var missing: [String] = []
    for (module, list) in Self.otp25.sorted(by: { $0.key < $1.key }) {
      let m = runtime.atoms.intern(module)
      _ = runtime.autoload(m)
      for entry in list.split(separator: " ") {
        let parts = entry.split(separator: "/")
        guard parts.count == 2, let arity = Int(parts[1]) else { continue }
        let f = runtime.atoms.intern(String(parts[0]))
        let mfa = MFA(module: m, function: f, arity: arity)
        let inModule = runtime.modules[m]?.exports[FunctionKey(f, arity)] != nil
        if !inModule && runtime.natives[mfa] == nil { missing.append("\(module):\(entry)") }
      }
    }
    XCTAssertEqual(missing, [], "not defined: \(missing.joined(separator: " "))")
  }
}

//! Small stand-ins for standard-library code that costs the web app kilobytes per type.

/// Sorts a short list by key, keeping equal keys in order (an insertion sort). The
/// standard stable sort brings several kilobytes of code into the web app for each type
/// it sorts; the lists sorted here hold a few dozen items at most.
pub fn sort_small_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Adds `item` to a small set kept as a list; `true` if it was not there yet. (A list,
/// not a hash set: each kind of hash set costs the web app its own copy of the code, and
/// these sets hold a scenario's ids, tens to a few hundred.)
pub fn add<T: PartialEq>(set: &mut Vec<T>, item: T) -> bool {
    let new = !set.contains(&item);
    if new {
        set.push(item);
    }
    new
}

#[cfg(test)]
mod tests {
    use super::{add, sort_small_by_key};

    #[test]
    fn a_small_set_holds_each_item_once_in_order() {
        let mut set = Vec::new();
        assert!(add(&mut set, "b"));
        assert!(add(&mut set, "a"));
        assert!(!add(&mut set, "b"));
        assert_eq!(set, ["b", "a"]);
    }

    #[test]
    fn sorts_by_key_and_keeps_equal_keys_in_order() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_small_by_key(&mut v, |(k, _)| *k);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        sort_small_by_key(&mut empty, |x| *x);
    }
}

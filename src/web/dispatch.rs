//! The one way a component turns an event into a reducer's action.

use yew::prelude::*;

/// A callback that dispatches to `to` the action `action` makes of what the event gives.
pub fn dispatching<R, T>(
    to: &UseReducerDispatcher<R>,
    action: impl Fn(T) -> R::Action + 'static,
) -> Callback<T>
where
    R: Reducible + 'static,
    T: 'static,
{
    let to = to.clone();
    Callback::from(move |x| to.dispatch(action(x)))
}

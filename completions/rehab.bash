# bash completion for rehab. The commands, sub-commands, options and option values are read from
# `rehab [COMMAND...] --help`, so the completion never disagrees with the program it completes.
# Install: copy to /usr/share/bash-completion/completions/rehab (cmake --install does).

_rehab_help() {  # the --help text of `rehab WORDS...`, cached per command path for this shell
    local key="${*:-_}"
    key=${key// /_}
    if [[ -z ${_rehab_help_cache[$key]+x} ]]; then
        _rehab_help_cache[$key]="$("${_rehab_program:-rehab}" "$@" --help 2>/dev/null)"
    fi
    printf '%s\n' "${_rehab_help_cache[$key]}"
}

_rehab() {
    declare -gA _rehab_help_cache 2>/dev/null
    _rehab_program=${COMP_WORDS[0]}
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local path=() i subs
    for ((i = 1; i < COMP_CWORD; i++)); do  # the chain of sub-commands typed so far
        subs=$(_rehab_help "${path[@]}" | awk '/^Subcommands:/{s=1;next} /^[^ ]/{s=0} s&&/^  [a-z]/{print $1}')
        if grep -qxF -- "${COMP_WORDS[i]}" <<<"$subs"; then path+=("${COMP_WORDS[i]}"); fi
    done
    local help
    help=$(_rehab_help "${path[@]}")
    if [[ $prev == -* ]]; then  # the value of an option: its listed choices, else files
        local choices
        choices=$(grep -E -- "(^|[ ,])${prev}( |$)" <<<"$help" | grep -oE '\{[^}]*\}' | head -1 | tr -d '{}' | tr ',' ' ')
        if [[ -n $choices ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
            return
        fi
        if grep -E -- "(^|[ ,])${prev}( )+[A-Z]" <<<"$help" >/dev/null; then
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return
        fi
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(grep -oE -- '--?[A-Za-z][A-Za-z-]*' <<<"$help" | sort -u)" -- "$cur")
        return
    fi
    subs=$(awk '/^Subcommands:/{s=1;next} /^[^ ]/{s=0} s&&/^  [a-z]/{print $1}' <<<"$help")
    if [[ -n $subs ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}
complete -o filenames -F _rehab rehab
